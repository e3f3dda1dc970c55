/** Injection tokens of the platform's shared objects. */
export const APP_NAME = Symbol('APP_NAME');
export const LOGGER = Symbol('LOGGER');
export const REDIS = Symbol('REDIS');
