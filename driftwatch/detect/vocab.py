"""Patterns for things, not ideas: key files, secrets in English, conversation data, destinations.

The ideas an order is made of (negation, telling, sending...) live in lexicon.py, in ten
languages. What lives here has a shape a pattern can see in any language: a path such as
`~/.ssh/id_rsa`, a URL, an e-mail address, a phone number, plus the English words for secrets and
conversation data that the parameter side-channel rule reads. A gap between the parts of a
pattern stays inside one sentence and is bounded, so matching stays linear.
"""

from __future__ import annotations

import re

from driftwatch.detect.gate import Beside, Gated, keep_last

GAP = r"[^.!?\n]{0,80}?"
"""A short stretch within one sentence: what lies between the parts of an instruction."""

SENSITIVE_FILES = (
    r"(?=[~.iakmc/lbswdp][/a-z_])"  # (the first two characters of the branches: cheap at each position)
    r"(?:~/\.ssh\b|\.ssh/|\bid_(?:rsa|dsa|ecdsa|ed25519)\b(?!\.pub|-cert)|\bauthorized_keys\b|\bknown_hosts\b"
    r"|(?<![\w.])\.env\b(?![.\w-]*example)|\bmcp\.json\b|claude_desktop_config|\.cursor/|\.vscode/mcp"
    r"|\.aws/(?:credentials|config)\b|\.pgpass\b|\.config/(?:gh|glab-cli)/|\.azure/|\.config/gcloud|application_default_credentials"
    r"|\.kube/config|\bkubeconfig\b|\.docker/config\.json|\.npmrc\b|\.pypirc\b|\.netrc\b|\.git-credentials"
    r"|\.gnupg\b|\.(?:bash|zsh)_history\b|/etc/(?:passwd|shadow|sudoers)\b|\bkeychain\b|\blogin data\b"
    r"|cookies\.sqlite|browser (?:cookies|passwords|history|profiles?|data)|saved passwords|wallet\.dat"
    r"|\bsecrets?\.(?:json|ya?ml|toml|env)\b|\bcredentials\.json\b|service[_ -]account(?:[_ -]key)?\.json"
    r"|\bdatabase\.ya?ml\b|\.git/config\b|\.vault-token\b|\.ansible/|~/\.[\w-]{1,30}/(?:\w{1,30}[_-])?(?:token|auth)\b"
    r"|\.aliyun/|\.oci/|\.tencentcloud/|\.tccli/|\.huaweicloud/|\.ibmcloud/|\.bluemix/|\.config/doctl/"
    r"|\.terraform\.d/credentials|\.kaggle/kaggle\.json|\.s3cfg\b|\.boto\b|\.databrickscfg\b|\.snowflake/"
    r"|\.jfrog/|\.config/hub\b|\.cloudflared/|\.(?:pfx|p12)\b|\.aws/(?:sso|cli)/cache\b"
    r"|pri(?:v|vate)?(?:[_.-]?key)?\.(?:key|pem|der)\b|\.m2/settings\.xml\b|\bwp-config\.php\b"
    r"|/gitlab-runner/config\.toml\b|\.my\.cnf\b|\.htpasswd\b|\blogins\.json\b|\bkey[34]\.db\b"
    r"|~/\.(?!cache/|aws/)[\w-]{1,40}+/|~/\.[\w-]{0,38}rc\b|~/\.[\w-]{0,30}history\b|(?<![\w-])\.\w{1,20}_history\b"
    r"|\.(?:kdbx|kdb|keyx|agilekeychain|opvault|psafe3)\b|\bkeyfile\b|/age/keys\.txt\b)"
)
"""Key, credential and agent configuration files: no tool needs the model to read these. Beside the
named ones, the class they belong to: a dot-directory or an rc file in the user's home (`~/.mc/`,
`~/.sentryclirc`: where every command-line client keeps its login; not a cache, nor `~/.aws/`, whose
files the list tells apart), a shell's or a client's history
(`.psql_history`: the passwords typed into it), a password manager's vault or key file."""
FILE_HINTS = (
    "ssh", "id_", "authorized_keys", "known_hosts", ".env", "mcp.json", "claude_desktop_config",
    ".cursor/", ".vscode/", ".aws/", "pgpass", "/gh/", "glab-cli", ".azure/", "gcloud",
    "application_default_credentials", "kube",

    ".docker/", ".npmrc", ".pypirc", ".netrc", ".git-credentials", ".gnupg", "_history", "/etc/",
    "keychain", "login data", "cookies", "browser", "saved passwords", "wallet.dat", "secret",
    "credentials.json", "service", "database.y", ".git/config", "vault-token", "ansible/", "token", "auth",
    ".aliyun/", ".oci/", ".tencentcloud/", ".tccli/", ".huaweicloud/", ".ibmcloud/", ".bluemix/", "doctl/",
    ".terraform.d/", "kaggle.json", ".s3cfg", ".boto", ".databrickscfg", ".snowflake/", ".jfrog/", "/hub",
    ".cloudflared/", ".pfx", ".p12", "pri.key", "privkey.", "private.", "private_key.", "private-key.",
    "prikey.", "priv.", ".m2/", "wp-config", "gitlab-runner", ".my.cnf", ".htpasswd", "logins.json",
    "key4.db", "key3.db", "~/.", ".kdb", ".keyx", "keychain", ".opvault", ".psafe3", "keyfile", "keys.txt",
)  # fmt: skip
KEY_FILES = Gated(SENSITIVE_FILES, FILE_HINTS)
"""A key or credential file named (`SENSITIVE_FILES`), asked only of text holding one of `FILE_HINTS`:
one gate for every rule that reads such files."""
VERBATIM = re.compile(
    r"\b(?:verbatim|as[- ]is|word for word|unabridged|unedited|unverändert|wörtlich|tel quel|telle quelle"
    r"|mot pour mot|tal cual|tal como está|textualmente|integralmente|così com'è|parola per parola"
    r"|как есть|дословно|целиком|без изменений)\b|原样|原封不动|一字不差|そのまま|一字一句|全文|그대로"
)
"""Words that ask for a thing whole and unchanged (`verbatim`, `tel quel`, `そのまま`, `그대로`): a file
named with one is asked for by its contents, not its path."""

PATH_WORD = re.compile(r"\b(?:path|pfad|chemin|ruta|caminho|percorso|путь)|路径|パス|경로")
"""A path asked for (`the key's path`): a file named beside it is named, not read."""

SENSITIVE_DATA = (
    r"(?:\bprivate keys?\b|\bseed phrases?\b|\bmnemonic\b|\bapi[ _-]?(?:keys?|tokens?)\b"
    r"|\baccess[ _-]?tokens?\b"
    r"|\bauth(?:entication)?[ _-]?tokens?\b|\bbearer tokens?\b|\bsession (?:tokens?|cookies?)\b"
    r"|\bpasswords?\b|\bpassphrases?\b|\bcredentials?\b|\bsecrets?\b|\benvironment variables?\b"
    r"|\benv vars?\b|\bconfidential\b|\b(?:all|every|any) (?:user|customer|company|personal|internal) "
    r"(?:data|information|records)\b|\bpersonal (?:data|information)\b|\bcredit card\b|\bssh keys?\b)"
)
"""Secrets and private data in general words: legitimate tools handle these, so the rules that use
them need an order to collect them *and* to pass them on."""
PROTECTING = re.compile(
    r"\b(?:redact\w{0,4}|mask\w{0,4}|scrub\w{0,4}|censor\w{0,4}|obfuscat\w{0,4}|anonymi[sz]\w{0,4}"
    r"|detect\w{0,4}|rotat\w{0,4}|revok\w{0,4}|schwärz\w{0,4}|masqu\w{0,4}|enmascar\w{0,4}|mascar\w{0,4}"
    r"|oscur\w{0,4}|маскир\w{0,4}|замаскир\w{0,4})"
)
"""Acts that protect secrets (`redact every secret`, `mask-every-secret`): secrets in bulk beside one
are what the tool guards, not what the model is asked to hand over."""
PROTECT_REACH = 40
"""Characters either side of secrets in bulk in which a protecting act makes them the tool's object."""

_HOLDS = re.compile(
    r"\b(?:contains|includes|holds|(?:will|may|might|can|could) (?:also )?(?:contain|include|hold))\b"
    r"|\b(?:enthält|enthalten|contient|contiennent|contiene|contienen|contém|contêm|contengono|содержит"
    r"|содержат|включает)\b|包含|包括|含まれ|포함"
)
"""A value said to hold something (`the snapshot contains …`, `可能包括`), in the third person: a
statement of what is in it, where an order to fill it says `paste`, `include`, `must contain`."""
_WARNING = re.compile(
    r"\b(?:caution|warning|beware|careful|encrypt\w{0,3}|do not (?:share|paste|post|commit|copy)"
    r"|achtung|vorsicht|hinweis|attention|avertissement|attenzione|atención|atencion|cuidado|aviso"
    r"|внимание|осторожно)\b|注意|警告|주의|공유하지|共有しない"
)
"""A warning beside it (`encrypt it before copying it`, `注意：`, `do not share`): the text warns of
what the value holds, it does not ask the model to put it there."""
_HOLDS_REACH = 80
"""Characters before secrets in bulk in which a verb of holding makes them what the value holds."""


_warns = keep_last(lambda text: _WARNING.search(text) is not None)
"""Whether the last text asked about holds a warning: the rules ask once per secret they find, and a
search of the whole text each time costs its length per secret (a text of secrets, the square of it)."""


def warned_contents(text: str, start: int) -> bool:
    """Whether secrets in bulk at `start` are what a value is said to hold, with a warning in the
    text: `the snapshot contains every object including Secrets …; encrypt it before copying it`,
    `注意：录像会包含…所有内容，可能包括粘贴的密码`. A statement with a warning describes a risk."""
    if not _warns(text):
        return False
    before = text[max(0, start - _HOLDS_REACH) : start]
    return _HOLDS.search(re.split(r"[.!?;。！？；]", before)[-1]) is not None


DATA_HINTS = (
    "private key", "seed phrase", "mnemonic", "api", "access", "auth", "bearer", "session", "password",
    "passphrase", "credential", "secret", "environment variable", "env var", "confidential", "data",
    "information", "records", "credit card", "ssh key",
)  # fmt: skip

CONVERSATION = (
    r"(?:\b(?:conversation|chat|message) history\b|\bprevious (?:messages|conversations?|turns|prompts)\b"
    r"|\b(?:entire|whole|full|complete) (?:conversation|chat|context|transcript|dialog(?:ue)?)\b"
    r"|\b(?:last|recent|prior|earlier) (?:\d+ )?messages\b|\bsystem prompt\b|\bcontext window\b"
    r"|\bother tools'? (?:outputs?|results?|responses?)\b"
    r"|\b(?:outputs?|results?|responses?) (?:of|from) (?:other|previous|all|any) "
    r"(?:tools?|tool calls?|calls?)\b"
    r"|\b(?:all|every) (?:of )?(?:the )?user'?s? (?:messages|prompts|queries)\b)"
)
"""Data that lives only in the model's context: nothing a tool description has reason to ask for."""
CONVERSATION_STARTS = (
    "conversation", "chat", "message", "previous ", "entire ", "whole ", "full ", "complete ", "last ",
    "recent ", "prior ", "earlier ", "system prompt", "context window", "other tools", "output", "result",
    "response", "all ", "every ",
)  # fmt: skip
"""The first words of CONVERSATION's branches, one of which every match starts with (gate.Gated)."""
CONVERSATION_HINTS = (
    "history", "previous", "conversation", "chat", "context", "transcript", "dialog", "messages",
    "system prompt", "other tool", "of other", "from other", "of all", "from all", "of any", "from any",
    "prompts", "queries",
)  # fmt: skip

_ACCOUNT_HINTS = (
    "iban", "account", "konto", "compte", "cuenta", "conta", "conto", "счет", "счёт", "口座", "账户", "계좌",
    "beneficiar", "收款", "empfänger", "payee",
)  # fmt: skip
"""Words beside which a bank account number (an IBAN) is looked for."""

DESTINATIONS = (
    Gated(r"https?://\S{1,200}", ("http",)),
    Gated(r"\bwww\.\S{1,200}", ("www.",)),
    Gated(r"\b[\w.+-]{1,64}+@[\w-]{1,64}+\.[\w.-]{1,64}\b", ("@",)),
    Gated(
        r"(?<![\w.+@-])@[\w-]{1,64}+(?:\.[\w-]{1,64}+){0,4}?\.(?:com|net|org|io|ru|de|fr|es|it|pt|br|cn|jp"
        r"|kr|uk|eu|info|biz|co|dev|app|xyz|me)(?:\.[a-z]{2})?\b(?![.-]\w)",
        ("@",),
    ),
    Gated(
        r"\b[\w.+-]{1,64}+ ?(?:\[at\]|\(at\)| at ) ?[\w-]{1,64}+ ?(?:\[dot\]|\(dot\)| dot |\.| )"
        r"(?:com|net|org|io|ru|cn|xyz)\b",
        (" at ", "[at]", "(at)"),
    ),
    Gated(r"\+\d[\d ()-]{7,20}\d", ("+",)),
    Beside(
        r"\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?\b",
        _ACCOUNT_HINTS,
    ),
    Gated(r"\b\d{1,3}(?:\.\d{1,3}){3}\b", tuple(f"{digit}." for digit in range(10))),
    Gated(
        r"\battacker\b|\bwebhook\.site\b|\bngrok\b|\brequestbin\b|\bpastebin\b"
        r"|\b(?:external|remote|third[- ]party|my|our) (?:server|endpoint|host)\b",
        (
            "attacker",
            "webhook.site",
            "ngrok",
            "requestbin",
            "pastebin",
            "external",
            "remote",
            "third",
            "my ",
            "our ",
        ),
    ),
)
"""Where data could be sent: URLs, emails (also `name at host dot com`, and a whole domain,
`@partner-firm.com.br`, whose every address is one), phone numbers, IP addresses,
hosts. One gated pattern each: the email forms backtrack on every word unless kept off text without `@`."""


def destinations(text: str) -> list[re.Match[str]]:
    """Every destination named in `text`, in order."""
    found = [m for gated in DESTINATIONS if gated.possible(text) for m in gated.pattern.finditer(text)]
    return sorted(found, key=re.Match.start) if len(found) > 1 else found


def span(text: str, start: int, end: int, margin: int = 30) -> str:
    """The matched text with a little context, for evidence."""
    return text[max(0, start - margin) : end + margin].strip()
