export * from './CitizenReport.js';
export * from './CitizenReportCommands.js';
export * from './CitizenReportEvents.js';
