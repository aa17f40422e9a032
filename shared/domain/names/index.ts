export * from './time-format';
export * from './target-name';
export * from './plural';
