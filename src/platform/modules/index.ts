/** What a module may use of the module registry: the shape src/modules.ts registers it in. */
export type { BusinessModule } from './business-module';
