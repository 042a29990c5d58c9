import type { Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS } from '../../src/platform/auth/auth.decorators';

type ModuleRef = Type | { module: Type; imports?: unknown[]; controllers?: Type[] };

/** Every controller reachable from `root` through module imports (static and dynamic modules). */
export function controllersOf(root: ModuleRef): Type[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Type>();
  const visit = (ref: unknown) => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    if (typeof ref === 'function') {
      for (const c of (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, ref) ?? []) as Type[]) controllers.add(c);
      for (const i of (Reflect.getMetadata(MODULE_METADATA.IMPORTS, ref) ?? []) as unknown[]) visit(i);
    } else if (typeof ref === 'object' && 'module' in ref) {
      const dynamic = ref as Exclude<ModuleRef, Type>;
      visit(dynamic.module);
      for (const c of dynamic.controllers ?? []) controllers.add(c);
      for (const i of dynamic.imports ?? []) visit(i);
    }
  };
  visit(root);
  return [...controllers];
}

/** `Controller.method` of each route handler that declares neither `@RequireScope` nor `@Public`. */
export function routesWithoutAccess(controllers: readonly Type[]): string[] {
  return controllers.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .filter((name) => name !== 'constructor')
      .filter((name) => {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        return (
          typeof handler === 'function' &&
          Reflect.getMetadata(PATH_METADATA, handler) !== undefined &&
          Reflect.getMetadata(METHOD_METADATA, handler) !== undefined &&
          Reflect.getMetadata(ACCESS, handler) === undefined
        );
      })
      .map((name) => `${controller.name}.${name}`),
  );
}
