/** google.protobuf.Duration text (`"10s"`, `"0.5s"`) → milliseconds, or `undefined` if malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(text.trim());
  return m?.[1] === undefined ? undefined : Math.round(Number(m[1]) * 1000);
}
