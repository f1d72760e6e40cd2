export * from './paragraffer';
export * from './tilbudstyper';
export * from './ydelser';
export * from './maalgrupper';
export * from './vum';
