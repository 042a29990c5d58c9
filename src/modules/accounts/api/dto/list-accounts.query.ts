import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCurrency, PageQueryDto } from '../../../../platform/http';
import type { AccountStatus } from '../../domain/account';

export class ListAccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  ownerId?: string;

  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @IsCurrency()
  currency?: string;

  @ApiPropertyOptional({ enum: ['active', 'frozen', 'closed'] })
  @IsOptional()
  @IsIn(['active', 'frozen', 'closed'])
  status?: AccountStatus;
}
