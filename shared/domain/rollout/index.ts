export * from './entries';
export * from './fold';
export * from './patch';
export * from './waves';
