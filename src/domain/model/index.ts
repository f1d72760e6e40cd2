export * from './organisation';
export * from './borger';
export * from './sag';
export * from './leverandoer';
export * from './oekonomi';
