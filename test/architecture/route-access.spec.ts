import { AppModule } from '../../src/app.module';
import { ForgottenRouteModule } from './fixtures/routes/forgotten-route.controller';
import { controllersOf, routesWithoutAccess } from './routes';

describe('route access', () => {
  it('every route of the app declares @RequireScope or @Public, so none ships open by accident', () => {
    const controllers = controllersOf(AppModule.register());
    expect(controllers.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'PaymentsController',
        'MessagingAdminController',
        'ApiKeysController',
        'HealthController',
      ]),
    );
    expect(routesWithoutAccess(controllers)).toEqual([]);
  });

  it('names a route that declares neither (the deliberate violation)', () => {
    expect(routesWithoutAccess(controllersOf(ForgottenRouteModule))).toEqual(['ForgottenRouteController.forgotten']);
  });
});
