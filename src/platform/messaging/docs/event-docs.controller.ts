import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/auth.decorators';
import { ConsumerRegistry } from '../consumer-registry';
import { buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi-document';
import { describeEvents, type EventDescription } from './event-descriptions';
import { renderEventsPage } from './events-page';

/**
 * The event catalogue, public like /docs: the AsyncAPI document and a page that renders it. Both
 * come from every module's definitions and manifests, so any process shows the whole system.
 */
@ApiExcludeController()
@Controller('docs')
export class EventDocsController {
  private described?: readonly EventDescription[];

  constructor(private readonly registry: ConsumerRegistry) {}

  @Get('asyncapi.json')
  @Public()
  asyncApi(): AsyncApiDocument {
    return buildAsyncApiDocument(this.events());
  }

  @Get('events')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return renderEventsPage(this.events());
  }

  // The catalogue is fixed at boot: describe it once.
  private events(): readonly EventDescription[] {
    return (this.described ??= describeEvents(this.registry.catalogue, this.registry.subscriptions));
  }
}
