export * from './schema';
export { previewImpact, VOLUME_DROP_SHARE } from './preview';
