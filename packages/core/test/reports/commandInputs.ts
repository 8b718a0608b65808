/** A valid `SubmitReport` as a portal sends it, shared by the codec tests. */
export const submitReportInput = {
  type: 'SubmitReport',
  at: '2026-03-04T06:30:00.000Z',
  channel: 'map',
  region: 'KZ-71',
  point: { lat: 51.128, lon: 71.43 },
  category: 'constructionQuality',
  description: { text: 'Walls are built with cheaper bricks', language: 'en' },
  evidence: [],
  reporter: { kind: 'anonymous', receiptHash: 'scrypt$receipt' },
};
