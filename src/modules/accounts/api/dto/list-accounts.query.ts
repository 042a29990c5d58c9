import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQueryDto } from '../../../../platform/http/pagination/page-query.dto';
import { IsCurrency } from '../../../../platform/http/validators';
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
