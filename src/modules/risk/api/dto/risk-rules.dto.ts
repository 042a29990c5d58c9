import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, IsString, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { isCurrencyCode } from '../../../../platform/money';
import { IsAmount, IsNestedObject, MAX_AMOUNT } from '../../../../platform/http';
import type { RiskRules } from '../../domain/risk-rules';

const MAX_CURRENCIES = 200;

const isAmountByCurrency = (value: unknown) =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length <= MAX_CURRENCIES &&
  Object.entries(value).every(
    ([currency, amount]) =>
      isCurrencyCode(currency) &&
      Number.isSafeInteger(amount) &&
      (amount as number) >= 0 &&
      (amount as number) <= MAX_AMOUNT,
  );

export class CurrencyLimitsDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 100_000_000,
    description: 'Limit in minor units for currencies not listed below; null for no limit',
  })
  @IsDefined({ message: 'is required (null for no limit)' })
  @ValidateIf((limits: CurrencyLimitsDto) => limits.default !== null)
  @IsAmount({ allowZero: true })
  default: number | null;

  @ApiProperty({
    example: { JPY: 1_000_000_000 },
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Limits per ISO 4217 currency, in its minor units',
  })
  @ValidateBy({
    name: 'isAmountByCurrency',
    validator: {
      validate: isAmountByCurrency,
      defaultMessage: () =>
        `must map at most ${MAX_CURRENCIES} ISO 4217 currency codes to non-negative integer amounts (at most ${MAX_AMOUNT})`,
    },
  })
  perCurrency: Record<string, number>;
}

export class VelocityRuleDto {
  @ApiProperty({
    example: 3600,
    minimum: 1,
    maximum: 2_592_000,
    description: 'The rolling window, in seconds (up to 30 days)',
  })
  @IsInt()
  @Min(1)
  @Max(2_592_000)
  windowSeconds: number;

  @ApiProperty({ example: 100, minimum: 1, description: 'Most payments one source account may make in the window' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxCount: number;

  @ApiProperty({ type: CurrencyLimitsDto, description: 'Most one source account may send in the window' })
  @IsNestedObject(() => CurrencyLimitsDto)
  maxSum: CurrencyLimitsDto;
}

export class NewAccountRuleDto {
  @ApiProperty({
    example: 24,
    minimum: 0,
    maximum: 8760,
    description: 'An account younger than this many hours is new',
  })
  @IsInt()
  @Min(0)
  @Max(8760)
  ageHours: number;

  @ApiProperty({ type: CurrencyLimitsDto, description: 'A lower limit for one payment from a new account' })
  @IsNestedObject(() => CurrencyLimitsDto)
  maxAmount: CurrencyLimitsDto;
}

export class RuleScoresDto {
  @ApiProperty({ example: 100, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) maxAmount: number;
  @ApiProperty({ example: 80, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) velocity: number;
  @ApiProperty({ example: 50, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) newAccount: number;
  @ApiProperty({ example: 100, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) blocklist: number;
}

export class ThresholdsDto {
  @ApiProperty({
    example: 50,
    minimum: 0,
    maximum: 100,
    description: 'A score at or above this holds the payment for review',
  })
  @IsInt()
  @Min(0)
  @Max(100)
  review: number;

  @ApiProperty({ example: 80, minimum: 0, maximum: 100, description: 'A score at or above this rejects the payment' })
  @IsInt()
  @Min(0)
  @Max(100)
  reject: number;
}

/** The whole rules document: PUT replaces it, GET returns it with `updatedAt`. */
export class RiskRulesDto implements RiskRules {
  @ApiProperty({ type: CurrencyLimitsDto, description: 'The maximum amount of one payment' })
  @IsNestedObject(() => CurrencyLimitsDto)
  maxAmount: CurrencyLimitsDto;

  @ApiProperty({ type: VelocityRuleDto })
  @IsNestedObject(() => VelocityRuleDto)
  velocity: VelocityRuleDto;

  @ApiProperty({ type: NewAccountRuleDto })
  @IsNestedObject(() => NewAccountRuleDto)
  newAccount: NewAccountRuleDto;

  @ApiProperty({ type: RuleScoresDto, description: 'What each rule adds to the score (capped at 100) when it fires' })
  @IsNestedObject(() => RuleScoresDto)
  scores: RuleScoresDto;

  @ApiProperty({ type: ThresholdsDto })
  @IsNestedObject(() => ThresholdsDto)
  thresholds: ThresholdsDto;

  @ApiPropertyOptional({ readOnly: true, description: 'When the rules last changed (ignored on PUT)' })
  @IsOptional()
  @IsString()
  updatedAt?: string;
}
