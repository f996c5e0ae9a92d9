import type { Renderers } from './renderers.js';

/** One candidate of shell completion: the word, and what the shell may show beside it. */
export interface Candidate {
  readonly word: string;
  readonly note?: string;
}

/** `task completion SHELL`: the script for that shell, completing this command name. */
export interface CompletionScript {
  readonly shell: Shell;
  /** The command name completed (`task`, or `regula` where `task` is Taskwarrior's). */
  readonly name: string;
}

export type Shell = keyof typeof SCRIPTS;

export function isShell(word: string): word is Shell {
  return Object.hasOwn(SCRIPTS, word);
}

export const completionScriptRenderers: Renderers<CompletionScript> = {
  text: ({ shell, name }) => SCRIPTS[shell](name),
  json: ({ shell, name }) => ({ shell, name, script: SCRIPTS[shell](name) }),
};

/** `task __complete WORDS...`: one candidate a line, its note after a tab (what the scripts cut or show). */
export const candidatesRenderers: Renderers<readonly Candidate[]> = {
  text: (candidates) =>
    candidates.length
      ? candidates.map((c) => (c.note === undefined ? c.word : `${c.word}\t${c.note}`)).join('\n')
      : null,
  json: (candidates) => candidates,
};

const SCRIPTS = {
  bash: (name: string) => `# ${name} completion for bash: add to ~/.bashrc
#   source <(${name} completion bash)
# Words are split at blanks only: bash also splits at : and = (project:Sales, rc.context=none), so each
# candidate is given back without what bash already holds before its own current word.
_${name}_regula_complete() {
  local line=\${COMP_LINE:0:COMP_POINT} cur=\${COMP_WORDS[COMP_CWORD]} candidate
  local -a words
  IFS=$' \\t' read -r -a words <<< "$line"
  [[ -z $line || $line == *[[:blank:]] ]] && words+=("")
  local current=\${words[\${#words[@]}-1]}
  local prefix=\${current%"$cur"}
  COMPREPLY=()
  while IFS= read -r candidate; do
    [[ -n $candidate && $candidate == "$current"* ]] && COMPREPLY+=("\${candidate#"$prefix"}")
  done < <(${name} __complete -- "\${words[@]:1}" 2>/dev/null | cut -f1)
}
complete -o default -F _${name}_regula_complete ${name}
`,
  zsh: (name: string) => `#compdef ${name}
# ${name} completion for zsh: put in a folder on $fpath as _${name}, or: source <(${name} completion zsh)
_${name}_regula() {
  local -a candidates
  candidates=("\${(@f)$(${name} __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null | sed -e 's/:/\\\\:/g' -e 's/\\t/:/')}")
  _describe '${name}' candidates
}
compdef _${name}_regula ${name}
`,
  fish: (
    name: string,
  ) => `# ${name} completion for fish: ${name} completion fish > ~/.config/fish/completions/${name}.fish
function __${name}_regula_complete
    set -l tokens (commandline -opc) (commandline -ct)
    ${name} __complete -- $tokens[2..-1] 2>/dev/null
end
complete -c ${name} -f -a '(__${name}_regula_complete)'
`,
};
