import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ResourceNotFoundError } from '../errors/domain-error';
import { isId, normalizeId } from '../ids';

/**
 * Path parameters are ids (UUIDs). One that is not a UUID names nothing: 404, the same on every
 * route, before any handler or SQL sees it. One given in upper case is the same id in lower case.
 */
@Injectable()
export class NormalizeIdParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || typeof value !== 'string') return value;
    const detail = `Nothing is named ${metadata.data ?? 'id'} ${value}`;
    if (isId(value)) return normalizeId(value);
    throw new ResourceNotFoundError('REQUEST.RESOURCE_NOT_FOUND', detail);
  }
}
