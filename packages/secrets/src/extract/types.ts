/** Where a key/value pair sits, which decides the rule that judges it. */
export type PairContext =
  | 'plain'
  /** `data:` (base64, decoded into `decoded`) or `stringData:` of a Kubernetes Secret. */
  | 'k8s-secret'
  /** A container `env:` entry `{ name: X, value: literal }` (key is the variable name). */
  | 'k8s-env'
  /** `data:` of a ConfigMap. */
  | 'configmap'
  /** docker compose `environment:` entry. */
  | 'compose-env'
  /** docker `config.json` `auths.<registry>.auth` (base64 of `user:password`, decoded into `decoded`). */
  | 'docker-auth';

/** A key bound to a scalar value, with the value's offsets in the file text. */
export interface Pair {
  /** The leaf key (`password`), or the env var name for `k8s-env`. */
  key: string;
  /** Dotted path of keys (`auth.password`), for messages. */
  path: string;
  /** The value as written, without quotes. */
  value: string;
  /** Offset of the value (inside quotes) in the file text. */
  start: number;
  end: number;
  context: PairContext;
  /** Decoded content when the value is base64 (Secret `data:`, docker `auth`). */
  decoded?: string;
  /** Whether the value was quoted (source code only counts quoted literals). */
  quoted: boolean;
  /** Found in source code (a value restating its key there is a field-name constant). */
  code?: boolean;
  /** Found in a dotenv file. */
  dotenv?: boolean;
}

/** A credential found by a line pattern (Authorization header, `curl -u`, connection string). */
export interface LineCredential {
  kind: 'authorization-header' | 'command-line' | 'connection-string' | 'query-string';
  secret: string;
  start: number;
  end: number;
  /** What was found, for the message (`curl -u`, `Basic`, `Password=`). */
  label: string;
}
