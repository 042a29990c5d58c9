/**
 * Lets idle relay workers sleep until there is work or a timeout. A wake-up that arrives while
 * every worker is busy is remembered, so a commit is never missed between two claims.
 */
export class Wakeup {
  private waiters: Array<() => void> = [];
  private pending = false;

  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.push(done);
    });
  }

  wake(): void {
    if (this.waiters.length === 0) {
      this.pending = true;
      return;
    }
    for (const waiter of [...this.waiters]) waiter();
  }
}
