import { partitionOf } from './broker-topology';

describe('partitionOf', () => {
  it('puts a subject in the same partition every time, within range', () => {
    for (const subject of ['0190f8a0-0000-7000-8000-000000000001', 'acc_1', 'é']) {
      const partition = partitionOf(subject, 4);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(4);
      expect(partitionOf(subject, 4)).toBe(partition);
    }
  });

  it('spreads subjects over the partitions', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[partitionOf(`subject-${i}`, 4)]++;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });

  it('is FNV-1a, so every process (and language) agrees', () => {
    // FNV-1a 32 of "a" is 0xe40c292c.
    expect(partitionOf('a', 0x7fffffff)).toBe(0xe40c292c % 0x7fffffff);
  });
});
