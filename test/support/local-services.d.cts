export function rabbitmqctl(...args: string[]): Promise<string>;
export function rabbitmqctlSync(...args: string[]): string;
export function freshVhostSync(name: string): void;
export function deleteVhostSync(name: string): void;
export function freshDatabase(serverUrl: string, name: string): Promise<void>;
