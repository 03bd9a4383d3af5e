import { policyList } from '../../alloc/index.js';
import { propertyList } from '../../../properties/index.js';
import { COMMANDS } from '../commands.js';
import { EXIT, type Io } from '../io.js';
import { parseOptions } from '../options.js';
import { modelNames } from '../registry.js';
import { UsageError } from '../usage-error.js';

export const COMPLETION_HELP = `usage: allocheck completion bash|zsh
  Prints a completion script for the shell: commands, each command's options, model, policy
  and property names. Install it with, for example:
    allocheck completion bash > ~/.local/share/bash-completion/completions/allocheck
    allocheck completion zsh > "\${fpath[1]}/_allocheck"     (then restart zsh)
exit codes: 0 printed, 2 bad input`;

/** Each command's options, read from its help text, so the completion follows the help. */
async function optionsByCommand(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [name, load] of Object.entries(COMMANDS)) {
    const { help } = await load();
    out[name] = [...new Set([...help.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]).concat('--help'))];
  }
  return out;
}

function bashScript(options: Record<string, string[]>, words: Record<string, string>): string {
  const cases = Object.entries(options).map(([cmd, opts]) => `    ${cmd}) opts="${opts.join(' ')}" ;;`).join('\n');
  return `# allocheck completion for bash: source it, or put it in bash-completion's completions directory
_allocheck() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd=\${COMP_WORDS[1]} opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W "${Object.keys(options).join(' ')} help --help --version" -- "$cur")); return; fi
  case "$prev" in
    --policy|--policies) COMPREPLY=($(compgen -W "${words.policies}" -- "$cur")); return ;;
    --property) COMPREPLY=($(compgen -W "${words.properties}" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "dot svg png md txt" -- "$cur")); return ;;
    --out|-o|--output) COMPREPLY=($(compgen -d -- "$cur")); return ;;
  esac
  case "$cmd" in
${cases}
  esac
  case "$cur" in
    -*) COMPREPLY=($(compgen -W "$opts" -- "$cur")) ;;
    *) case "$cmd" in
         check|matrix|synth) COMPREPLY=($(compgen -W "${words.models}" -- "$cur") $(compgen -f -- "$cur")) ;;
         help) COMPREPLY=($(compgen -W "${Object.keys(options).join(' ')}" -- "$cur")) ;;
         completion) COMPREPLY=($(compgen -W "bash zsh" -- "$cur")) ;;
         *) COMPREPLY=($(compgen -f -- "$cur")) ;;
       esac ;;
  esac
}
complete -F _allocheck allocheck
`;
}

function zshScript(options: Record<string, string[]>, words: Record<string, string>): string {
  // zsh runs bash completion functions through bashcompinit: one script to keep right.
  return `#compdef allocheck\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(options, words)}`;
}

/** `allocheck completion bash|zsh`: a shell completion script on stdout. */
export async function completionCommand(argv: readonly string[], io: Io): Promise<number> {
  const { positionals } = parseOptions(argv, { debug: { type: 'boolean' } }, 'completion');
  const [shell, ...extra] = positionals;
  if (shell !== 'bash' && shell !== 'zsh') throw new UsageError(`completion takes a shell: bash or zsh${shell === undefined ? '' : `, got '${shell}'`}`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const words = { models: modelNames().join(' '), policies: policyList.map((p) => p.name).join(' '), properties: propertyList.map((p) => p.name).join(' ') };
  const options = await optionsByCommand();
  io.out(shell === 'bash' ? bashScript(options, words) : zshScript(options, words));
  return EXIT.holds;
}
