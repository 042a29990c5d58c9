import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicUnlessDisabled } from '../../auth/auth.decorators';
import { MetricsRegistry } from './metrics.registry';

@ApiTags('Operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Get()
  @PublicUnlessDisabled('metricsPublic', 'admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description:
      'Process, HTTP and messaging metrics, including per-consumer backlog, throughput, latency and dead letters.',
  })
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.registry.metrics();
    await reply.header('Content-Type', this.registry.contentType).send(body);
  }
}
