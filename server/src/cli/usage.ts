export const USAGE = `Usage: sysctl-lint [options] FILE...
       sysctl-lint dump FILE...
       sysctl-lint recommend (--mem-total SIZE --arch ARCH | --local | --host [USER@]HOST | --ansible-facts DIR)

Check sysctl configuration files (sysctl.conf, sysctl.d/*.conf) the way procps
sysctl and systemd-sysctl read them.

Commands:
  (none)        report findings as FILE:LINE:COL: SEVERITY: MESSAGE [RULE]
  dump          print every setting the files apply, as 'sysctl --dry-run -p' does
  recommend     print nf_conntrack_max and nf_conntrack_buckets for a machine's RAM
                and architecture, with the inputs, formula and kernel default as comments

Sizing inputs (recommend):
  --mem-total SIZE      RAM as in /proc/meminfo ('49521980 kB') or 48GiB, 512MiB, bytes
  --arch ARCH           'uname -m' of the machine (x86_64, aarch64, armv7l, ...) or 32/64
  --local               read /proc/meminfo and 'uname -m' of this machine
  --host [USER@]HOST    read them over SSH (system OpenSSH client, batch mode,
                        host keys checked as usual)
  --ssh-config FILE     ssh client config passed as 'ssh -F FILE'
  --timeout SECONDS     give up on the SSH host after this long (default 15)
  --ansible-facts DIR   one block per host from 'ansible -m setup --tree DIR'
  --kernel VERSION      kernel whose default to show (default: the host's own, or 6.18)

Options:
  -h, --help    show this help
  -v, --version show the version

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;
