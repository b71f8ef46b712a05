export * from './components.js';
export * from './folders.js';
export * from './health.js';
export * from './map.js';
export * from './problem.js';
export * from './profile.js';
