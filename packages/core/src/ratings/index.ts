export * from './ServiceRating.js';
export * from './ServiceRatingCommands.js';
export * from './ServiceRatingEvents.js';
export * from './ServiceRatingState.js';
