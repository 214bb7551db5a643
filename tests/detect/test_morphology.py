"""The ideas orders are made of, read in every inflected form a dictionary gives their common verbs
and nouns, in the ten languages.

The lexicon lists stems and words; a stem that is no prefix of a form (German `übermittel` of the
imperative `übermittle`, Spanish `conversación` of `conversaciones`) or a whole word with no sibling
(`=extract` without `extracts`) leaves that form unread, and every rule built on the idea walks past it.
The table below is a dictionary's view, written from the languages' morphology (not from any
corpus): for each idea, its common verbs in the imperative (informal, plural, formal), the
infinitive, the third person present (how descriptions speak), participles and gerunds, with the
clitics the Romance languages attach (`envíalo`, `inviaglielo`, `envie-o`), German separable and
-eln verbs, Russian perfective and imperfective, Japanese te/masu/plain forms, Chinese compounds and
Korean speech levels; its nouns in their plural and case forms. Text written without diacritics
(`uebermittle`, `envialo`) is read as well: each Latin form is also tried so spelled.

Each stem the table made shorter has benign twins: the common unrelated words it would otherwise
start (`übermitt` is not `Übermut`), which must stay unread as that idea.

Left out, as other words the same letters spell (each would be read as the idea everywhere): Spanish
`di` and Italian `di'` (`di` is `of`), Spanish `cuenta` (an account), Portuguese `contem` (`contém`
unaccented), German `lest` and French `lit` (English `lest`, `lit`), Spanish `lean`, Italian `legge`
(a law), German `bitte`, `frage`, `fragen` (please, questions), English `request(ed)`, Spanish
`pedido` (an order), Italian `richiede` (requires), Chinese `请求` and Russian `запрашивает` (a
request sent to a server), French `suis` (I am), Italian `mandate` and `mandato` (English `mandate`),
Spanish `llama` (a model's name), Korean `따라` (in `따라서`, therefore; `에 따라`, according to) and
`써` (in `벌써`, already), Chinese `会话` (a session as often as a conversation); adjectives grown from
participles (`verborgen`, `nascosto`, as English `hidden` is not read). German separable verbs whose
stem alone is another verb (`teile … mit`, `rufe … ab`) need their particle, a phrase: left to rules.

Left out, as what the tool says it does itself or what the user does, and as forms that move the
learned layer (detect/learned.py, trained on the lexicon before them: its features are the ideas) on
the sets already measured: the third person and gerund of reading (`reads`, `reading`, `читает`,
French `applique`), as English SELF reads `reads` (a poisoned item of the sixteenth, thirtieth and
thirty-second sets each lost a learned finding with them); the third person of saying (`sagt`,
`dit`, `diz`: `wenn der Nutzer nichts anderes sagt` is the user speaking, not a telling refused);
`disclosure` (a noun: `disclos` as a stem); `asking` (`without asking` is a waiver); the German
plurals `Passwörter`, `Kennwörter` (read, they make a backup tool's default value `alle Passwörter
im Tresor mit sichern` a side-channel request, as its singular and English already are: a rule's
question, left). These wait for the model to be trained again.
"""

from __future__ import annotations

import unicodedata

import pytest

from driftwatch.detect import lexicon
from driftwatch.detect.lexicon import Concept as C


def _ko(*stems: str) -> str:
    """Korean 하다 verbs at the speech levels an order uses: 해, 해요, 하세요, 하십시오, 해라, 하다,
    and the plain-form 하고 (`전송해요`, `전송하십시오`)."""
    endings = ("해", "해요", "하세요", "하십시오", "해라", "하다", "한다", "하고", "해 주세요")
    return " | ".join(stem + ending for stem in stems for ending in endings)


def _ja(*stems: str) -> str:
    """Japanese する verbs in the te, masu, plain and polite imperative forms (`送信して`,
    `送信します`, `送信する`, `送信してください`, `送信しなさい`)."""
    endings = ("して", "します", "する", "してください", "しなさい", "しろ")
    return " | ".join(stem + ending for stem in stems for ending in endings)


TABLE: dict[C, dict[str, str]] = {
    C.SEND: {
        "en": "send | sends | sending | sent | forward | forwards | forwarding | forwarded | transmit"
        " | transmits | transmitting | transmitted | upload | uploads | uploading | uploaded | share | shared"
        " | sharing | post | posting | posted",
        "de": "senden | sende | send | sendet | sendest | gesendet | schicken | schicke | schick | schickt"
        " | übermitteln | übermittle | übermittelt | übermittelst | übermittelnd | übertragen | übertrage"
        " | überträgt | weiterleiten | leite weiter | leitet weiter | weitergeleitet | hochladen"
        " | hochgeladen | weiterschicken | schicke weiter | schickt weiter | weitergeschickt",
        "fr": "envoyer | envoie | envoyez | envoyons | envoie-le | envoie-les | envoyez-le | envoient"
        " | envoyé | envoyant | transmettre | transmets | transmettez | transmet | transmets-le"
        " | transmettez-les | transmis | transmise | transmettant | transférer | transfère | transférez"
        " | transféré | téléverser | téléverse | partager | partage | partagez",
        "es": "enviar | envía | envíe | enviad | envíen | envían | enviando | enviado | envíalo | envíala"
        " | envíaselo | enviarlo | enviárselo | envíelo | mandar | manda | mande | mandad | manden | mandan"
        " | mandando | mandado | mándalo | mándaselo | mandarlo | reenvía | reenviar | transmitir"
        " | transmite | transmitido | subir | sube | suba | súbelo | compartir | comparte",
        "pt": "enviar | envia | envie | enviem | enviam | enviando | enviado | envie-o | envia-o | enviá-lo"
        " | envie-lhe | mandar | manda | mande | mandem | mandam | mandando | mandado | mande-o | manda-o"
        " | encaminhar | encaminhe | encaminha | transmitir | transmita | transmite | compartilhar"
        " | compartilhe",
        "it": "inviare | invia | inviate | invii | inviino | inviando | inviato | invialo | inviala"
        " | inviaglielo | inviarlo | mandare | manda | mandi | mandano | mandando"
        " | mandalo | mandaglielo | mandarlo | inoltrare | inoltra | inoltrate | inoltri | trasmettere"
        " | trasmetti | trasmette | trasmesso | trasmettilo",
        "ru": "отправь | отправьте | отправить | отправляй | отправляйте | отправлять | отправляет"
        " | отправит | отправлено | отправляя | передай | передайте | передать | передавай | передаёт"
        " | передает | перешли | перешлите | переслать | пересылай | пересылает | пересланный"
        " | загрузи | загрузите | загрузить",
        "zh": "发送 | 发给 | 发到 | 传给 | 转发 | 上传 | 抄送 | 传送 | 寄给",
        "ja": "送って | 送ります | 送る | 送ってください | 送りなさい | 送れ | "
        + _ja("送信", "転送", "アップロード"),
        "ko": "보내 | 보내요 | 보내세요 | 보내십시오 | 보내라 | 보내다 | 보낸다 | "
        + _ko("전송", "전달", "업로드"),
    },
    C.TELL: {
        "en": "tell | tells | telling | told | inform | informs | informing | informed | notify | notifies"
        " | notifying | notified | mention | mentions | mentioning | mentioned | reveal | reveals"
        " | revealing | disclose | discloses | disclosing",
        "de": "sagen | sag | sage | mitteilen | mitgeteilt | erwähnen"
        " | erwähne | erwähnt | informieren | informiere | informiert | benachrichtigen | benachrichtige"
        " | verraten | verrate | verrät | erzählen | erzähle | erzähl | erzählt",
        "fr": "dire | dis | dites | dis-lui | dites-lui | informer | informe | informez | informant"
        " | mentionner | mentionne | mentionnez | révéler | révèle | révélez | signaler | signale"
        " | signalez | prévenir | préviens | prévenez",
        "es": "decir | diga | digas | dile | dígale | díselo | decirle | decírselo | informar | informa"
        " | informe | informad | informen | informarle | mencionar | menciona | mencione | mencionad"
        " | revelar | revela | revele | contar | cuente | cuéntale | avisar | avisa | avise",
        "pt": "dizer | diga | digam | dizê-lo | informar | informa | informe | informem | informe-o"
        " | mencionar | menciona | mencione | mencionem | revelar | revela | revele | contar | conte"
        " | avisar | avisa | avise",
        "it": "dire | dica | dite | digli | dille | diglielo | dirlo | informare | informa | informi"
        " | informate | informalo | menzionare | menziona | menzioni | rivelare | rivela | riveli"
        " | comunicare | comunica | comunichi | avvisare | avvisa | avvisi",
        "ru": "скажи | скажите | сказать | говори | говорите | говорить | сообщи | сообщите | сообщить"
        " | сообщай | сообщает | упомяни | упомяните | упомянуть | упоминай | упоминать | расскажи"
        " | расскажите | рассказать | рассказывай | уведоми | уведомите | уведомить",
        "zh": "告诉 | 告知 | 提及 | 提到 | 透露 | 通知 | 说明 | 汇报",
        "ja": "伝えて | 伝えます | 伝える | 伝えてください | 伝えなさい | 知らせて | 知らせます | 知らせる"
        " | 言って | 言います | 言う | 言ってください | " + _ja("報告", "説明", "言及"),
        "ko": "알려 | 알려요 | 알려주세요 | 알리세요 | 알리십시오 | 알려라 | 알리다 | 말해 | 말해요"
        " | 말하세요 | 말하십시오 | 말해라 | 말하다 | " + _ko("언급", "보고", "설명"),
    },
    C.HIDE: {
        "en": "hide | hides | hiding | conceal | conceals | concealing | concealed",
        "de": "verbergen | verbirg | verberge | verbirgt | verheimlichen | verheimliche"
        " | verheimlicht | verschweigen | verschweige | verschweigt",
        "fr": "cacher | cachez | cache-le | dissimuler | dissimule | dissimulez | dissimulant",
        "es": "ocultar | oculta | oculte | ocultad | oculten | ocúltalo | ocultarlo | ocultando | esconder"
        " | esconde | esconda | escóndelo",
        "pt": "ocultar | oculta | oculte | ocultem | oculte-o | esconder | esconde | esconda | escondam"
        " | esconda-o | escondê-lo",
        "it": "nascondere | nascondi | nasconda | nascondete | nascondilo | nasconde | occultare"
        " | occulta | occulti",
        "ru": "скрой | скройте | скрыть | скрывай | скрывайте | скрывать | скрывает | утаи | утаите | утаить"
        " | утаивай",
        "zh": "隐藏 | 隐瞒 | 瞒着 | 保密",
        "ja": "隠して | 隠します | 隠す | 隠してください | 隠しなさい",
        "ko": "숨겨 | 숨겨요 | 숨기세요 | 숨기십시오 | 숨겨라 | 숨기다 | 숨긴다",
    },
    C.IGNORE: {
        "en": "ignore | ignores | ignoring | disregard | disregards | disregarding | forget | forgets"
        " | forgetting",
        "de": "ignorieren | ignoriere | ignorier | ignoriert | vergessen | vergiss | vergesst | vergisst"
        " | missachten | missachte | missachtet",
        "fr": "ignorer | ignore | ignorez | ignorant | oublier | oublie | oubliez | oublions | oubliant",
        "es": "ignorar | ignora | ignore | ignorad | ignoren | ignóralas | olvidar | olvida | olvide"
        " | olvidad | olviden | olvídalas | olvidando",
        "pt": "ignorar | ignora | ignore | ignorem | ignore-as | esquecer | esqueça | esqueçam | esquece"
        " | desconsiderar | desconsidere | desconsiderem",
        "it": "ignorare | ignora | ignori | ignorate | ignorale | dimenticare | dimentica | dimentichi"
        " | dimenticate | dimenticale | trascurare | trascura",
        "ru": "игнорируй | игнорируйте | игнорировать | проигнорируй | проигнорируйте | проигнорировать"
        " | забудь | забудьте | забыть | забывай | пренебреги | пренебрегай | пренебречь",
        "zh": "忽略 | 无视 | 忘记 | 忘掉 | 不要理会",
        "ja": "無視して | 無視します | 無視する | 無視してください | 無視しなさい | 無視しろ | 忘れて"
        " | 忘れます | 忘れる | 忘れてください | 忘れなさい | 忘れろ",
        "ko": "무시해 | 무시해요 | 무시하세요 | 무시하십시오 | 무시해라 | 무시하다 | 잊어 | 잊어요 | 잊으세요"
        " | 잊으십시오 | 잊어라",
    },
    C.READ: {
        "en": "read | collect | collects | collecting | extract | extracts | extracting"
        " | retrieve | retrieves | retrieving | fetch | fetches | fetching",
        "de": "lesen | lies | liest | lese | auslesen | lies aus | ausgelesen | sammeln"
        " | sammle | sammelt | sammelst | gesammelt | extrahieren | extrahiere | extrahiert | abrufen"
        " | abgerufen",
        "fr": "lire | lis | lisez | lisant | récupérer | récupère | récupérez | collecter | collecte"
        " | collectez | extraire | extrais | extrayez | extrait",
        "es": "leer | lee | lea | leed | léelo | leerlo | leyendo | recopilar | recopila | recopile"
        " | extraer | extrae | extraiga | extraed | obtener | obtén | obtenga",
        "pt": "ler | lê | leia | leiam | leia-o | lendo | coletar | coleta | colete | coletem | extrair"
        " | extraia | extrai | obter | obtenha",
        "it": "leggere | leggi | legga | leggete | leggilo | leggendo | raccogliere | raccogli"
        " | raccolga | estrarre | estrai | estragga | recuperare | recupera | recuperi",
        "ru": "прочитай | прочитайте | прочитать | прочти | прочтите | читай | читайте | читать"
        " | собери | соберите | собрать | собирай | собирает | извлеки | извлеките | извлечь",
        "zh": "读取 | 读出 | 收集 | 提取 | 获取",
        "ja": "読んで | 読みます | 読む | 読んでください | 読みなさい | 読み取って | "
        + _ja("収集", "取得", "抽出"),
        "ko": "읽어 | 읽어요 | 읽으세요 | 읽으십시오 | 읽어라 | 읽다 | " + _ko("수집", "추출"),
    },
    C.ALTER: {
        "en": "prefix | prepend | append | replace | rewrite | change | insert | recommend | suggest",
        "de": "ersetze | ersetz | ersetzen | empfiehl | empfehlen | empfehle | füge | füge hinzu"
        " | hänge an | hänge | ändere | ändern | ändert",
        "fr": "remplace | remplacez | remplacer | ajoute | ajoutez | ajouter | recommande | recommandez"
        " | recommander | modifie | modifiez | modifier",
        "es": "reemplaza | reemplace | reemplazar | añade | añada | añadir | recomienda | recomiende"
        " | recomendar | cambia | cambie | cambiar",
        "pt": "substitua | substitui | substituir | adicione | adiciona | adicionar | recomende | recomenda"
        " | recomendar | altere | altera | alterar",
        "it": "sostituisci | sostituisca | sostituire | aggiungi | aggiunga | aggiungere | raccomanda"
        " | consiglia | consigli | modifica | modifichi | modificare",
        "ru": "замени | замените | заменить | заменяй | добавь | добавьте | добавить | добавляй"
        " | рекомендуй | рекомендуйте | рекомендовать | измени | измените | изменить",
        "zh": "替换 | 添加 | 加上 | 推荐 | 插入 | 修改",
        "ja": "置き換えて | 置き換えます | 置き換える | 置き換えてください | 勧めて | 勧めます | 勧める | "
        + _ja("追加", "挿入", "変更"),
        "ko": _ko("추가", "추천", "삽입", "변경", "대체")
        + " | 바꿔 | 바꿔요 | 바꾸세요 | 바꾸십시오 | 바꿔라",
    },
    C.ASK: {
        "en": "ask | asks | asked | requests",
        "de": "fragt | gefragt | bittet | gebeten | verlangt | verlangen",
        "fr": "demander | demande | demandez | demandent | demandé | demandant",
        "es": "preguntar | pregunta | pregunte | preguntan | preguntado | pedir | pide | pida | piden"
        " | solicita | solicitar",
        "pt": "perguntar | pergunta | pergunte | perguntam | pedir | pede | peça | pedem | solicita"
        " | solicitar",
        "it": "chiedere | chiede | chiedi | chieda | chiedono | chiesto | domandare | domanda | domandano",
        "ru": "спросить | спрашивать | спрашивает | спросит | спросил | просить | просит | попросит"
        " | попросил",
        "zh": "询问 | 问到 | 问起 | 要求",
        "ja": "尋ねて | 尋ねる | 尋ねます | 聞いて | 聞く | 聞きます | " + _ja("質問", "要求"),
        "ko": "물어보 | 물어봐 | 묻는 | 묻다 | " + _ko("질문", "요청"),
    },
    C.USE: {
        "en": "use | uses | using | used | call | calls | calling | called | invoke | invokes | invoking",
        "de": "benutzen | benutze | benutzt | verwenden | verwende | verwendet | nutzen | nutze | nutzt"
        " | aufrufen | aufgerufen",
        "fr": "utiliser | utilise | utilisez | utilisant | utilisé | appeler | appelle | appelez",
        "es": "usar | usa | use | usad | usen | usando | usado | úsalo | usarlo | utilizar | utiliza"
        " | utilice | utilizad | utilicen | utilizando | utilízalo | llamar | llame",
        "pt": "usar | usa | use | usem | usando | usado | use-o | usá-lo | utilizar | utilize | utiliza"
        " | utilizem | utilizando | chamar | chame | chama",
        "it": "usare | usa | usi | usate | usando | usato | usalo | utilizzare | utilizza | utilizzi"
        " | utilizzate | utilizzalo | chiamare | chiama | chiami",
        "ru": "используй | используйте | использовать | использует | используя | вызови | вызовите"
        " | вызвать | вызывай | вызывайте | вызывать",
        "zh": "使用 | 调用 | 用",
        "ja": "使って | 使います | 使う | 使ってください | 使いなさい | " + _ja("使用", "利用"),
        "ko": _ko("사용", "이용", "호출"),
    },
    C.PREFER: {
        "en": "prefer | prefers | preferring | preferred",
        "de": "bevorzugen | bevorzuge | bevorzugt",
        "fr": "préférer | préfère | préférez | préféré | privilégier | privilégie | privilégiez",
        "es": "preferir | prefiere | prefiera | preferid | prefieran | preferido",
        "pt": "preferir | prefira | prefere | prefiram | preferido | priorizar | priorize | prioriza",
        "it": "preferire | preferisci | preferisca | preferite | preferito | privilegia | privilegiare",
        "ru": "предпочитай | предпочитайте | предпочитать | предпочти | предпочтите | предпочесть"
        " | предпочитает",
        "zh": "优先 | 首选 | 优先使用",
        "ja": "優先して | 優先します | 優先する | 優先してください | 優先しなさい",
        "ko": _ko("우선", "선호"),
    },
    C.FOLLOW: {
        "en": "follow | obey | obeys | obeying | execute | executes | executing | carry out | comply",
        "de": "befolgen | befolge | befolgt | ausführen | führe aus | führe | gehorche | gehorchen"
        " | gehorcht",
        "fr": "suivre | suivez | exécuter | exécute | exécutez | appliquer | appliquez"
        " | obéir | obéis | obéissez",
        "es": "seguir | sigue | siga | seguid | sigan | siguiendo | ejecutar | ejecuta | ejecute"
        " | obedecer | obedece | obedezca | obedeced | obedezcan | cumplir | cumple | cumpla",
        "pt": "seguir | segue | siga | sigam | executar | executa | execute | obedecer | obedeça"
        " | obedece | obedeçam | cumprir | cumpra | cumpre",
        "it": "seguire | segui | segua | seguite | eseguire | esegui | esegua | eseguite | obbedire"
        " | obbedisci | obbedisca | ubbidire | ubbidisci | ubbidisca",
        "ru": "следуй | следуйте | следовать | выполни | выполните | выполнить | выполняй | выполняйте"
        " | подчиняйся | подчиняйтесь | подчиниться | подчиняться",
        "zh": "遵循 | 遵守 | 执行 | 照做 | 服从 | 听从",
        "ja": "従って | 従います | 従う | 従ってください | 従いなさい | " + _ja("実行", "遵守"),
        "ko": "따르세요 | 따르십시오 | 따르다 | " + _ko("실행", "준수"),
    },
    C.USER: {
        "en": "user | users | user's | users'",
        "de": "Benutzer | Benutzern | Benutzers | Benutzerin | Nutzer | Nutzern | Nutzers | Nutzerin"
        " | Anwender | Anwenderin",
        "fr": "utilisateur | utilisateurs | utilisatrice | utilisatrices",
        "es": "usuario | usuarios | usuaria | usuarias",
        "pt": "usuário | usuários | usuária | usuárias | utilizador | utilizadores | utilizadora",
        "it": "utente | utenti",
        "ru": "пользователь | пользователя | пользователю | пользователем | пользователе"
        " | пользователи | пользователей | пользователям",
        "zh": "用户 | 使用者",
        "ja": "ユーザー | ユーザ | 利用者",
        "ko": "사용자 | 사용자에게 | 사용자님 | 유저",
    },
    C.CONVERSATION: {
        "en": "conversation | conversations | chat history | transcript | message history",
        "de": "Gespräch | Gespräche | Gesprächs | Gesprächsverlauf | Unterhaltung | Unterhaltungen"
        " | Verlauf | Chatverlauf | Konversation | Konversationen",
        "fr": "conversation | conversations | historique",
        "es": "conversación | conversaciones | historial",
        "pt": "conversa | conversas | conversação | histórico",
        "it": "conversazione | conversazioni | cronologia",
        "ru": "переписка | переписку | переписки | разговор | разговора | диалог | диалога | беседа"
        " | беседу | беседы | история | историю",
        "zh": "对话 | 聊天记录 | 对话记录",
        "ja": "会話 | 会話履歴 | チャット | やり取り | 履歴",
        "ko": "대화 | 대화 내용 | 채팅 | 대화 기록",
    },
    C.SECRET: {
        "en": "password | passwords | secret | secrets | token | tokens | credential | credentials"
        " | api key | api keys | private key",
        "de": "Passwort | Passworts | Kennwort | Geheimnis | Geheimnisse | Zugangsdaten | Schlüssel | Token",
        "fr": "mot de passe | mots de passe | secret | secrets | jeton | jetons | clé | clés | identifiants",
        "es": "contraseña | contraseñas | clave | claves | credencial | credenciales | token | tokens",
        "pt": "senha | senhas | chave | chaves | credencial | credenciais | token | tokens",
        "it": "password | chiave | chiavi | credenziale | credenziali | token",
        "ru": "пароль | пароля | пароли | паролей | ключ | ключи | ключа | ключей | токен | токены"
        " | токена | токенов | секрет | секреты",
        "zh": "密码 | 密钥 | 令牌 | 凭据 | 凭证 | 私钥",
        "ja": "パスワード | 秘密鍵 | トークン | 認証情報 | シークレット",
        "ko": "비밀번호 | 암호 | 토큰 | 인증 정보",
    },
    C.INSTRUCTIONS: {
        "en": "instruction | instructions | rules | guideline | guidelines | directives",
        "de": "Anweisung | Anweisungen | Regeln | Vorgabe | Vorgaben | Richtlinie | Richtlinien",
        "fr": "instruction | instructions | consigne | consignes | règles | directive | directives",
        "es": "instrucción | instrucciones | reglas | indicaciones | directriz | directrices",
        "pt": "instrução | instruções | regras | diretriz | diretrizes | orientações",
        "it": "istruzione | istruzioni | regole | direttiva | direttive | indicazioni",
        "ru": "инструкция | инструкции | инструкций | указания | указаний | правила | правил",
        "zh": "指令 | 指示 | 规则",
        "ja": "指示 | ルール | 命令 | 規則",
        "ko": "지시 | 지침 | 규칙",
    },
}

_LATIN = ("fr", "es", "pt", "it")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _bare(form: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", form) if not unicodedata.combining(c))


def _spellings(lang: str, form: str) -> list[str]:
    """A form as written, and as text without diacritics spells it: German with ae, oe, ue and ss
    (its letters bare are other words: `ändere` bare is `andere`), the Romance languages with their
    accents dropped, where that leaves five letters or more (as the lexicon's own variants: shorter
    ones are other words, `lê` bare is `le`, `clé` is `cle`)."""
    if lang == "de":
        variant = form.translate(_UMLAUTS)
    elif lang in _LATIN and len(_bare(form).replace(" ", "").replace("-", "")) >= 5:
        variant = _bare(form)
    else:
        variant = form
    return [form] if variant == form else [form, variant]


ROWS = sorted(
    {
        (concept.name, lang, spelling)
        for concept, languages in TABLE.items()
        for lang, forms in languages.items()
        for form in forms.split(" | ")
        for spelling in _spellings(lang, form.strip())
    }
)


@pytest.mark.parametrize(("concept", "lang", "form"), ROWS)
def test_each_dictionary_form_is_read_as_its_idea(concept: str, lang: str, form: str) -> None:
    assert C[concept] in lexicon.ideas(form), f"{lang} {form!r} is not read as {concept}"


def test_the_table_covers_every_language_for_every_idea() -> None:
    languages = {"en", "de", "fr", "es", "pt", "it", "ru", "zh", "ja", "ko"}
    assert all(set(forms) == languages for forms in TABLE.values())


BENIGN_TWINS: dict[C, str] = {
    C.SEND: "Übermut | übermütig | Uebermut | environment | environments | envy | envied | mandatory"
    " | mandates | 遅れ",
    C.ALTER: "Ersatz | Ersatzteil | andere | anderen | andern | anders",
    C.FOLLOW: "gehören | gehört | Gehör | obèse | obésité | подчинённый | подчиненные",
    C.PREFER: "priority",
    C.CONVERSATION: "беседка | беседки",
    C.TELL: "Verräter",
}
"""The common unrelated words a shortened stem or a new form would start (`übermitt` and `Übermut`,
`envia` and `environment`, `ersetz` and `Ersatz`, `gehorch` and `gehören`, `беседа` whole and
`беседка`, a gazebo), read as anything but that idea."""

TWINS = sorted((concept.name, word) for concept, words in BENIGN_TWINS.items() for word in words.split(" | "))


@pytest.mark.parametrize(("concept", "word"), TWINS)
def test_a_word_a_stem_starts_is_not_read_as_its_idea(concept: str, word: str) -> None:
    assert C[concept] not in lexicon.ideas(word), f"{word!r} is read as {concept}"
