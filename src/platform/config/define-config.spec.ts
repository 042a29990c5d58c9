import { Transform } from 'class-transformer';
import { IsInt } from 'class-validator';
import { ConfigValidationError, defineConfig, toInteger, validateSettings } from './define-config';

class ExampleEnv {
  @Transform(toInteger)
  @IsInt()
  EXAMPLE_TIMEOUT_MS = 10;
}

describe('Settings', () => {
  const example = defineConfig('example', ExampleEnv, (env) => ({ timeoutMs: env.EXAMPLE_TIMEOUT_MS }));
  afterEach(() => delete process.env.EXAMPLE_TIMEOUT_MS);

  it('reads a namespace from the environment, with its defaults', () => {
    expect(example()).toEqual({ timeoutMs: 10 });
    process.env.EXAMPLE_TIMEOUT_MS = '250';
    expect(example()).toEqual({ timeoutMs: 250 });
  });

  it('checks every namespace defined, before the app is built, naming the bad setting', () => {
    process.env.EXAMPLE_TIMEOUT_MS = 'soon';
    expect(() => validateSettings()).toThrow(ConfigValidationError);
    expect(() => validateSettings()).toThrow(
      'Invalid setting EXAMPLE_TIMEOUT_MS ("soon"): EXAMPLE_TIMEOUT_MS must be an integer number',
    );
  });
});
