/** One event in a payment's timeline, as the timeline query returns it. */
export interface TimelineEntry {
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly source: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly occurredAt: Date;
  readonly data: Record<string, unknown>;
}
