import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { normalizeId } from '../ids';

/** Path parameters are ids: one given in upper case names the same resource as in lower case. */
@Injectable()
export class NormalizeIdParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' && typeof value === 'string' ? normalizeId(value) : value;
  }
}
