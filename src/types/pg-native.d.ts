// The part of pg-native (libpq binding, optional dependency) that regula uses: synchronous calls, since
// the core is synchronous (docs/team-server.md, "Driver").
declare module 'pg-native' {
  interface LibpqHandle {
    resultErrorFields(): { sqlState?: string } | undefined;
    transactionStatus(): number;
  }
  class Client {
    constructor(config?: { arrayMode?: boolean });
    pq: LibpqHandle;
    connectSync(conninfo: string): void;
    querySync(
      text: string,
      values?: readonly (string | number | boolean | null)[],
    ): Record<string, unknown>[];
    escapeIdentifier(value: string): string;
    escapeLiteral(value: string): string;
    end(callback?: () => void): void;
  }
  export = Client;
}
