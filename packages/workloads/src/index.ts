export * from './render/index.js';
