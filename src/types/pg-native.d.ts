// The part of pg-native (libpq binding, optional dependency) that regula uses: synchronous calls, since
// the core is synchronous (docs/team-server.md, "Driver").
declare module 'pg-native' {
  interface LibpqHandle {
    resultErrorFields(): { sqlState?: string } | undefined;
    transactionStatus(): number;
    // Pipeline mode (libpq 14+): reads sent ahead inside one snapshot (src/db/postgres/pipeline.ts).
    pipelineModeSupported?(): boolean;
    enterPipelineMode(): boolean;
    exitPipelineMode(): boolean;
    sendQueryParams(text: string, values: readonly (string | number | boolean | null)[]): boolean;
    pipelineSync(): boolean;
    flush(): number;
    getResult(): boolean;
    resultStatus(): string;
    resultErrorMessage(): string;
    errorMessage(): string;
  }
  namespace Client {
    /** What turns a column's text into a value, by the type's OID (pg-types' interface). */
    interface TypeParsers {
      getTypeParser(oid: number, format?: string): (text: string) => unknown;
    }
  }
  class Client {
    constructor(config?: { arrayMode?: boolean; types?: Client.TypeParsers });
    /** The type parsers the client was made with (pg-types by default). */
    _types: Client.TypeParsers;
    pq: LibpqHandle;
    connectSync(conninfo: string): void;
    querySync(
      text: string,
      values?: readonly (string | number | boolean | null)[],
    ): Record<string, unknown>[];
    /** pg-native's own rows of the result libpq read last (what querySync returns; used by a pipeline). */
    _consumeQueryResults(pq: LibpqHandle): { rows: Record<string, unknown>[] };
    escapeIdentifier(value: string): string;
    escapeLiteral(value: string): string;
    end(callback?: () => void): void;
  }
  export = Client;
}
