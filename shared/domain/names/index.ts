export * from './time-format';
export * from './target-name';
export * from './plural';
export * from './rollback-label';
