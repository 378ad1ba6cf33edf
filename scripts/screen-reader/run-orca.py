"""Starts Orca with its debug log line-buffered, so each utterance is in the file as soon as it is spoken.

Usage: python3 run-orca.py PREFS_DIR DEBUG_FILE. Orca opens its debug file with the default (block) buffering.
"""
import builtins
import runpy
import sys

prefs_dir, debug_file = sys.argv[1], sys.argv[2]
_open = builtins.open


def _line_buffered(file, mode='r', *args, **kwargs):
    if file == debug_file and 'w' in mode:
        return _open(file, mode, buffering=1, encoding='utf-8')
    return _open(file, mode, *args, **kwargs)


builtins.open = _line_buffered
sys.argv = ['orca', '--user-prefs', prefs_dir, '--debug-file', debug_file]
runpy.run_path('/usr/bin/orca', run_name='__main__')
