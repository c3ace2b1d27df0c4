export * from './asl';
export * from './graph';
export * from './layout';
export * from './path';
export * from './svg';
