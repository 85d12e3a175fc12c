/**
 * `npm run staff -- add <user>`: adds (or resets) a staff account in STAFF_ACCOUNTS_FILE (default
 * .data/staff-accounts.json). The password is read from the terminal, or from stdin with --password-stdin.
 */
import { createInterface } from 'node:readline/promises';
import { addAccount } from '../adapters/staff/accounts';
import { parseArgs } from './lib/cli';
import { loadConfig } from '../adapters/config';

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    let s = '';
    for await (const chunk of process.stdin) s += chunk;
    return s.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = process.stdout as NodeJS.WriteStream & { _write?: unknown };
  const write = out.write.bind(out);
  let muted = false;
  out.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => (muted ? true : write(chunk as string, ...(rest as [])))) as typeof out.write;
  const p = rl.question('Mật khẩu (ít nhất 10 ký tự): ');
  muted = true;
  const password = await p;
  muted = false;
  out.write = write;
  rl.close();
  process.stdout.write('\n');
  return password;
}

async function main(): Promise<void> {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const [cmd, user] = positional;
  if (cmd !== 'add' || !user) {
    console.error('Cách dùng: npm run staff -- add <tên-đăng-nhập> [--password-stdin]');
    process.exitCode = 2;
    return;
  }
  const file = loadConfig(process.env).content.staffAccountsFile;
  await addAccount(file, user, await readPassword(flags.has('password-stdin')));
  console.log(`Đã lưu tài khoản "${user}" vào ${file}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
