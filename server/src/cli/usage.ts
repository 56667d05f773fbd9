export const USAGE = `Usage: sysctl-lint [options] FILE...
       sysctl-lint dump FILE...

Check sysctl configuration files (sysctl.conf, sysctl.d/*.conf) the way procps
sysctl and systemd-sysctl read them.

Commands:
  (none)        report findings as FILE:LINE:COL: SEVERITY: MESSAGE [RULE]
  dump          print every setting the files apply, as 'sysctl --dry-run -p' does

Options:
  -h, --help    show this help
  -v, --version show the version

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;
