import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { ApiKeyRecord } from './api-key.store';
import { SCOPES, type Scope } from './scopes';

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'checkout service', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: SCOPES, isArray: true, example: ['payments:write', 'accounts:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SCOPES.length)
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes: Scope[];

  @ApiPropertyOptional({
    example: 'customer-42',
    description: "Binds the key to one owner: it sees and acts only on that owner's accounts and what hangs off them",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  ownerId?: string;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'sk_Zk3Lq0aB', description: 'The first characters of the key, to tell keys apart' })
  prefix: string;

  @ApiProperty({ enum: SCOPES, isArray: true })
  scopes: string[];

  @ApiProperty({ type: String, nullable: true })
  ownerId: string | null;

  @ApiProperty()
  createdAt: string;

  @ApiProperty({ type: String, nullable: true })
  revokedAt: string | null;

  static from(key: ApiKeyRecord): ApiKeyResponse {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      ownerId: key.ownerId,
      createdAt: key.createdAt.toISOString(),
      revokedAt: key.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ example: 'sk_Zk3Lq0aB…', description: 'The key itself: shown only now, store it safely' })
  key: string;
}
