import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, type RunningDaemon } from './daemon.js';

/**
 * A real vsftpd for the peer suite, standalone in the foreground, bound to one 127/8 address,
 * serving `files` (relative paths, directories created as needed) as the anonymous root.
 * `anonymous` switches anonymous_enable: YES is the exposure, NO the fixed twin.
 */
export function startVsftpdPeer(host: string, anonymous: boolean, files: readonly string[]): Promise<RunningDaemon> {
  return startDaemon({
    name: `vsftpd (anonymous_enable=${anonymous ? 'YES' : 'NO'})`,
    binary: 'vsftpd',
    host,
    logFile: 'vsftpd.log',
    prepare: ({ dir, port }) => {
      chmodSync(dir, 0o755);
      const root = join(dir, 'ftproot');
      mkdirSync(join(dir, 'empty'));
      mkdirSync(root);
      for (const file of files) {
        const path = join(root, file);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, 'synthetic test file\n');
      }
      writeFileSync(
        join(dir, 'vsftpd.conf'),
        [
          'listen=YES', 'listen_ipv6=NO', `listen_address=${host}`, `listen_port=${port}`, 'background=NO',
          `anonymous_enable=${anonymous ? 'YES' : 'NO'}`, `anon_root=${root}`, 'no_anon_password=YES',
          // vsftpd refuses to start a session with both logins off ("500 OOPS"): the fixed twin
          // keeps local (PAM) users, as a practice's real FTP server would.
          `local_enable=${anonymous ? 'NO' : 'YES'}`, 'write_enable=NO', 'anon_upload_enable=NO',
          `secure_chroot_dir=${join(dir, 'empty')}`, 'nopriv_user=nobody', 'ftp_username=ftp',
          'pasv_enable=YES', 'port_enable=NO', 'seccomp_sandbox=NO', 'check_shell=NO',
          'xferlog_enable=YES', `vsftpd_log_file=${join(dir, 'vsftpd.log')}`, 'log_ftp_protocol=YES',
          '',
        ].join('\n'),
      );
    },
    args: ({ dir }) => [join(dir, 'vsftpd.conf')],
  });
}
