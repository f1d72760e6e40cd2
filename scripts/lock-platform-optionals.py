#!/usr/bin/env python3
"""
Adds lock entries for rollup's per-platform optional packages that this workplace's npm registry does not
serve (it answers 404 for other platforms' builds). npm then leaves them out of package-lock.json, and
`npm ci` refuses the lock as out of sync. Each entry carries os/cpu so npm on any machine skips the ones
that are not its own, exactly as it would with a lock made where the registry has them all.
Run after `npm install` changes the lock:  python3 scripts/lock-platform-optionals.py
"""
import json

LOCK = 'package-lock.json'
lock = json.load(open(LOCK))
pk = lock['packages']
rollup = pk['node_modules/rollup']
added = 0
for name, version in rollup.get('optionalDependencies', {}).items():
    key = f'node_modules/{name}'
    if key in pk:
        continue
    parts = name.split('/')[-1].split('-')[1:]  # rollup-<os>-<cpu>[-<abi>]
    os_, cpu = parts[0], parts[1]
    entry = {'version': version, 'cpu': [cpu], 'dev': True, 'license': 'MIT', 'optional': True, 'os': [os_]}
    if os_ == 'linux' and len(parts) > 2:
        entry['libc'] = ['musl' if 'musl' in parts[2] else 'glibc']
    pk[key] = entry
    added += 1
lock['packages'] = dict(sorted(pk.items(), key=lambda kv: (kv[0] != '', kv[0])))
json.dump(lock, open(LOCK, 'w'), indent=2)
open(LOCK, 'a').write('\n')
print(f'added {added} platform entries')
