import { ConfigValidationError } from '../config/define-config';
import { selectModules, type BusinessModule } from './business-module';

const definition = (name: string): BusinessModule => ({
  name,
  module: class {},
  persistence: { entities: [], migrations: [] },
  events: [],
  subscriptions: {},
});
const all = ['accounts', 'risk', 'payments', 'notifications'].map(definition);

describe('selectModules (the MODULES setting)', () => {
  it('hosts every module when unset or empty', () => {
    expect(selectModules(all, undefined).map((m) => m.name)).toEqual(['accounts', 'risk', 'payments', 'notifications']);
    expect(selectModules(all, ' ')).toHaveLength(4);
  });

  it('hosts the modules named, in registry order', () => {
    expect(selectModules(all, 'notifications, accounts').map((m) => m.name)).toEqual(['accounts', 'notifications']);
  });

  it('refuses an unknown name with one line naming the setting', () => {
    expect(() => selectModules(all, 'payments,ledger')).toThrow(ConfigValidationError);
    expect(() => selectModules(all, 'payments,ledger')).toThrow(
      'Invalid setting MODULES ("payments,ledger"): unknown module "ledger" (known: accounts, risk, payments, notifications)',
    );
  });

  it('refuses a name given twice or an empty entry', () => {
    expect(() => selectModules(all, 'risk,risk')).toThrow(/each module at most once/);
    expect(() => selectModules(all, 'risk,,payments')).toThrow(/Invalid setting MODULES/);
  });
});
