import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { UnitOfWork } from '../../../src/platform/database/unit-of-work';
import { DomainError } from '../../../src/platform/errors/domain-error';
import { Idempotent } from '../../../src/platform/http/idempotency/idempotent.decorator';

export const TEST_WIDGETS_TABLE = `CREATE TABLE IF NOT EXISTS test_widgets (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)`;

class WidgetRefusedError extends DomainError {
  readonly code = 'WIDGETS.REFUSED';
  readonly kind = 'unprocessable';
  readonly title = 'Widget refused';
}

class DimensionsDto {
  @IsInt()
  @Min(1)
  width: number;
}

class CreateWidgetDto {
  @IsString()
  @Length(1, 50)
  name: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5000)
  delayMs?: number;

  @IsOptional()
  @IsBoolean()
  refuse?: boolean;

  @IsOptional()
  @IsBoolean()
  crash?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => DimensionsDto)
  dimensions?: DimensionsDto;
}

/** A tiny resource to exercise the platform's HTTP conventions without any business module. */
@Controller('test/widgets')
class WidgetsController {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  create(@Body() body: CreateWidgetDto): Promise<{ id: number; name: string }> {
    return this.unitOfWork.run(async (manager) => {
      const [row] = await manager.query(`INSERT INTO test_widgets (name) VALUES ($1) RETURNING id`, [body.name]);
      if (body.delayMs) await new Promise((resolve) => setTimeout(resolve, body.delayMs));
      if (body.refuse) throw new WidgetRefusedError(`Widget ${body.name} is refused`);
      if (body.crash) throw new Error('unexpected failure after the write');
      return { id: Number(row.id), name: body.name };
    });
  }

  @Post('optional-key')
  @HttpCode(201)
  @Idempotent({ required: false })
  createWithOptionalKey(@Body() body: CreateWidgetDto): Promise<{ id: number; name: string }> {
    return this.create(body);
  }

  @Get('count')
  async count(): Promise<{ count: number }> {
    const [row] = await this.unitOfWork.manager.query(`SELECT count(*)::int AS count FROM test_widgets`);
    return { count: row.count };
  }

  @Get('explode')
  explode(): never {
    throw new Error('relation "secret_table" does not exist at SELECT password FROM users');
  }
}

@Module({ controllers: [WidgetsController] })
export class WidgetsModule {}
