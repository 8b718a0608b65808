export * from './GeoPoint.js';
export * from './Iin.js';
export * from './Language.js';
export * from './Money.js';
export * from './OfficialLevel.js';
export * from './Policy.js';
export * from './Region.js';
export * from './WorkingDayCalendar.js';
