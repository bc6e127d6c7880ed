export * from './record-anonymous-engagement';
export * from './stitch-suspect';
export * from './suspect-stream';
export * from './erase-suspect-links';
export * from './suspect-draft';
