export * from './errors';
export * from './define';
export * from './ids';
export * from './table';
export * from './calls/app';
export * from './calls/connections';
export * from './calls/api';
export * from './wire';
