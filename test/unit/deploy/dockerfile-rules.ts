/** One instruction of a Dockerfile: keyword upper-cased, arguments with continuation lines joined. */
export interface Instruction { readonly keyword: string; readonly args: string; readonly line: number }
export interface Stage { readonly image: string; readonly name: string | undefined; readonly instructions: readonly Instruction[] }

/** Splits a Dockerfile into build stages of instructions (comments and parser directives dropped). */
export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === undefined)) return;
    const joined = `${pending?.text ?? ''} ${trimmed.replace(/\\$/, '')}`.trim();
    const line = pending?.line ?? index + 1;
    if (trimmed.endsWith('\\')) return void (pending = { text: joined, line });
    pending = undefined;
    const match = /^(\S+)\s*(.*)$/s.exec(joined);
    if (match !== null) instructions.push({ keyword: (match[1] ?? '').toUpperCase(), args: match[2] ?? '', line });
  });
  const stages: { image: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** The JSON array of an exec-form instruction (`["node", "x"]`), or undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  try {
    const value = JSON.parse(args) as unknown;
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `KEY=value` pairs of LABEL instructions, quotes removed. */
export function labels(stage: Stage): Record<string, string> {
  const pairs = stage.instructions.filter((i) => i.keyword === 'LABEL').flatMap((i) => [...i.args.matchAll(/([\w.-]+)=("[^"]*"|\S+)/g)]);
  return Object.fromEntries(pairs.map((match) => [match[1] ?? '', (match[2] ?? '').replace(/^"|"$/g, '')]));
}

export const requiredLabels = ['title', 'description', 'version', 'revision', 'source', 'licenses'].map((key) => `org.opencontainers.image.${key}`);

/** What our own rules find wrong with a Dockerfile: one message per problem, none when it is fine. */
export function dockerfileProblems(text: string): string[] {
  const stages = parseDockerfile(text);
  const final = stages.at(-1);
  if (final === undefined) return ['no FROM'];
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => void (ok || problems.push(message));
  const all = (keyword: string): Instruction[] => final.instructions.filter((i) => i.keyword === keyword);
  const last = (keyword: string): Instruction | undefined => all(keyword).at(-1);

  check(stages.length >= 2, 'not a multi-stage build');
  check(stages.every((stage) => /^node:24[.-]/.test(stage.image)), 'every stage must start FROM a node:24 tag');
  const user = last('USER')?.args ?? '';
  check(/^\d+(:\d+)?$/.test(user) && !/^0(:|$)/.test(user), `the final USER must be a numeric non-root UID, got "${user}"`);
  check(all('EXPOSE').some((i) => i.args.split(/\s+/).includes('7723')), 'the final stage must EXPOSE 7723');
  const healthcheck = execForm(last('HEALTHCHECK')?.args.replace(/^(--\S+\s+)*CMD\s+/, '') ?? '');
  check(healthcheck?.some((arg) => arg.includes('/-/healthy')) === true, 'HEALTHCHECK must be exec form asking /-/healthy');
  check(execForm(last('ENTRYPOINT')?.args ?? '')?.[0] === 'node', 'ENTRYPOINT must be exec form running node (PID 1 gets SIGTERM)');
  check(execForm(last('CMD')?.args ?? '') !== undefined, 'CMD must be exec form');
  const present = labels(final);
  for (const label of requiredLabels) check(present[label] !== undefined, `label ${label} missing`);
  check(present['org.opencontainers.image.version'] === '${VERSION}' && all('ARG').some((i) => i.args.startsWith('VERSION')), 'the version label must come from ARG VERSION');
  const installs = all('RUN').filter((i) => /\bnpm (ci|install|i)\b/.test(i.args));
  check(installs.length > 0 && installs.every((i) => /\bnpm ci\b/.test(i.args) && i.args.includes('--omit=dev') && i.args.includes('--ignore-scripts')),
    'the final stage must install with npm ci --omit=dev --ignore-scripts only');
  check(all('COPY').some((i) => i.args.startsWith(`--from=${stages[0]?.name ?? ''} `) && /\/dist\s/.test(i.args)), 'the final stage must copy dist/ from the build stage');
  return problems;
}
