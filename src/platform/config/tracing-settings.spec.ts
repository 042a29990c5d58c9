import { ConfigValidationError } from './define-config';
import { platformConfig } from './platform.config';

const TRACING_KEYS = ['TRACING_ENABLED', 'TRACING_OTLP_ENDPOINT', 'TRACING_SERVICE_NAME', 'TRACING_SAMPLE_RATIO'];

describe('Tracing settings', () => {
  afterEach(() => TRACING_KEYS.forEach((key) => delete process.env[key]));

  it('are off by default, exporting to a local collector, every trace sampled', () => {
    expect(platformConfig().tracing).toEqual({
      enabled: false,
      otlpEndpoint: 'http://localhost:4318/v1/traces',
      serviceName: 'payments-platform',
      sampleRatio: 1,
    });
    Object.assign(process.env, {
      TRACING_ENABLED: 'true',
      TRACING_OTLP_ENDPOINT: 'https://otel.example.com/v1/traces',
      TRACING_SAMPLE_RATIO: '0.25',
    });
    expect(platformConfig().tracing).toMatchObject({
      enabled: true,
      otlpEndpoint: 'https://otel.example.com/v1/traces',
      sampleRatio: 0.25,
    });
  });

  it.each([
    ['TRACING_ENABLED', 'yes'],
    ['TRACING_OTLP_ENDPOINT', 'localhost:4318'],
    ['TRACING_SERVICE_NAME', 'payments platform'],
    ['TRACING_SAMPLE_RATIO', '2'],
    ['TRACING_SAMPLE_RATIO', 'half'],
  ])('refuse %s=%s, naming it', (key, value) => {
    process.env[key] = value;
    expect(() => platformConfig()).toThrow(ConfigValidationError);
    expect(() => platformConfig()).toThrow(`Invalid setting ${key}`);
  });
});
