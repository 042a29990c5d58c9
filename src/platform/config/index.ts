/** What modules may use of configuration: a typed, validated settings namespace, and the platform's own. */
export { ConfigValidationError, defineConfig, toBoolean, toInteger } from './define-config';
export { platformConfig, type PlatformConfig } from './platform.config';
