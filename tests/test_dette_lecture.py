"""Lecture d'un document budgétaire : ce que les fichiers réels font varier est toléré (encodage,
espaces de noms, enveloppe, champs inconnus, dates JJ/MM/AAAA, EMPRUNT vide), ce qui fausserait un
résultat ou menacerait la machine est refusé en français avec le chemin de l'élément."""

from __future__ import annotations

import io
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from collectivites.cli import main
from collectivites.dette import lire_document_budgetaire
from collectivites.dette._normalisation import normaliser_index, normaliser_preteur
from collectivites.erreurs import ErreurDossier, ErreurEntree, ErreurType

EMPRUNT = """<EMPRUNT>
  <CodTypEmpr V="01"/><NumContrat V="A-1"/><LibOrgaPreteur V="CDC"/>
  <MtEmprOrig V="1000.00"/><MtCapitalRestDu_01_01 V="500.00"/><MtCapitalExer V="100.00"/>
  <MtIntExer V="{interets}"/><MtCapitalRestDu_31_12 V="400.00"/><TxActua V="2,5"/>
  <Dt1RembInit V="{date}"/><IndexTxVariDtVote V="Livret A + 0.6"/><ChampFutur V="x"/>
  <CodTyptxDtVote V="V"/><StructureDtVote V="A"/><IndSousJacentDtVote V="1"/>
</EMPRUNT>"""


def document(
    emprunts: str = "",
    *,
    racine: str = "DocumentBudgetaire",
    entete: str = '<?xml version="1.0" encoding="UTF-8"?>',
    budget: bool = True,
) -> bytes:
    corps = (
        "<Budget><EnTeteBudget><LibelleEtab V='BUDGET PRINCIPAL'/>"
        "<Nomenclature V='M57-M57'/></EnTeteBudget><BlocBudget><NatDec V='09'/>"
        f"<Exer V='2024'/></BlocBudget><Annexes><DATA_EMPRUNT>{emprunts}</DATA_EMPRUNT>"
        "</Annexes></Budget>"
        if budget
        else ""
    )
    return (
        f"{entete}<{racine} xmlns='http://www.minefi.gouv.fr/cp/demat/docbudgetaire'>"
        "<VersionSchema V='115'/><EnTeteDocBudgetaire><LibelleColl V='Commune d&apos;Essai'/>"
        f"<IdColl V='21000000000000'/></EnTeteDocBudgetaire>{corps}</{racine}>"
    ).encode()


def emprunt(interets: str = "12.50", date: str = "2020-02-15") -> str:
    return EMPRUNT.format(interets=interets, date=date)


def test_lecture_d_un_emprunt_type() -> None:
    doc = lire_document_budgetaire(document(emprunt(date="15/02/2020")))
    (e,) = doc.emprunts
    assert (doc.collectivite, doc.exercice, doc.nature, doc.version_schema) == (
        "Commune d'Essai",
        2024,
        "09",
        "115",
    )
    assert (e.categorie, e.numero_contrat, e.preteur, e.index, e.marge) == (
        "propre",
        "A-1",
        "caisse_des_depots",
        "livret_a",
        Decimal("0.006"),
    )
    assert e.taux_actuel == Decimal("0.025")  # « 2,5 » : 2,5 %, virgule tolérée
    assert e.date_premier_remboursement.isoformat() == "2020-02-15"
    assert e.autres == (("ChampFutur", "x"),)  # champ d'une autre version, gardé brut
    assert e.champ("MtIntExer") == Decimal("12.50")


def test_sources_chemin_octets_et_fichier_ouvert(tmp_path: Path) -> None:
    octets = document(emprunt())
    chemin = tmp_path / "doc.xml"
    chemin.write_bytes(octets)
    attendu = lire_document_budgetaire(octets).emprunts
    assert lire_document_budgetaire(chemin).emprunts == attendu
    assert lire_document_budgetaire(str(chemin)).emprunts == attendu
    assert lire_document_budgetaire(io.BytesIO(octets)).emprunts == attendu


def test_iso_8859_1_declare() -> None:
    texte = document(emprunt(), entete='<?xml version="1.0" encoding="ISO-8859-1"?>')
    latin = texte.decode().replace("Commune d&apos;Essai", "Crédit").encode("latin-1")
    assert lire_document_budgetaire(latin).collectivite == "Crédit"


def test_enveloppe_du_compte_financier_unique() -> None:
    interieur = document(emprunt(), entete="").decode()
    cfu = f"<CompteFinancierUnique>{interieur}</CompteFinancierUnique>".encode()
    doc = lire_document_budgetaire(cfu)
    assert len(doc.emprunts) == 1
    assert doc.enveloppe == "CompteFinancierUnique"
    assert any("enveloppe" in n for n in doc.notes)


def test_ligne_calculee_ecartee_et_emprunt_vide_ignore() -> None:
    calcule = emprunt().replace("<EMPRUNT>", '<EMPRUNT calculated="true" generator="g.xsl">')
    vide = "<EMPRUNT><MtCapitalRestDu_31_12 V='0.0'/><Couverture V='false'/></EMPRUNT>"
    doc = lire_document_budgetaire(document(calcule + vide + emprunt()))
    assert [e.rang for e in doc.emprunts] == [3]
    assert doc.lignes_calculees == 1
    assert doc.lignes_ignorees == ("DATA_EMPRUNT/EMPRUNT[2]",)


def test_annexe_sans_emprunt_est_une_note() -> None:
    doc = lire_document_budgetaire(document(""))
    assert doc.emprunts == ()
    assert "l'annexe de la dette (DATA_EMPRUNT) ne contient aucun emprunt" in doc.notes


def _refus(octets: bytes) -> str:
    with pytest.raises(ErreurDossier) as refus:
        lire_document_budgetaire(octets)
    return str(refus.value)


@pytest.mark.parametrize(
    ("octets", "message"),
    [
        (b"pas du XML", "ligne 1 : erreur de syntaxe XML, colonne 1"),
        (b"", "fichier XML vide ou tronqué"),
        (document(emprunt())[:-40], "fichier XML vide ou tronqué (fin de fichier inattendue)"),
        (b"<Autre><A V='1'/></Autre>", "ce n'est pas un document budgétaire"),
        (document(budget=False), "le document n'a pas de budget"),
        (
            document(budget=False, racine="CompteFinancierUnique"),
            "enveloppe « CompteFinancierUnique » sans budget",
        ),
        (
            document(emprunt().replace('<CodTypEmpr V="01"/>', "")),
            "clé « DATA_EMPRUNT/EMPRUNT[1]/CodTypEmpr » : emprunt sans code de type",
        ),
        (
            document(emprunt().replace('"01"', '"03"')),
            "clé « DATA_EMPRUNT/EMPRUNT[1]/CodTypEmpr » : code de type d'emprunt inconnu",
        ),
        (
            document(emprunt(interets="1 234,5")),
            "clé « DATA_EMPRUNT/EMPRUNT[1]/MtIntExer » : montant invalide (reçu : '1 234,5' ; "
            "attendu : un nombre décimal du schéma, point décimal, sans espace (1234.50))",
        ),
        (
            document(emprunt(date="31/02/2021")),
            "clé « DATA_EMPRUNT/EMPRUNT[1]/Dt1RembInit » : date impossible (reçu : '31/02/2021' ; "
            "attendu : une date du calendrier)",
        ),
        (
            document(emprunt().replace("<NumContrat", '<NumContrat V="B"/><NumContrat')),
            "élément écrit deux fois dans le même emprunt",
        ),
        (
            document(emprunt().replace('"01"', '"10"') * 2),
            "plusieurs lignes « éléments pour ratio »",
        ),
        (
            b"<!DOCTYPE DocumentBudgetaire><DocumentBudgetaire/>",
            "déclaration de type de document (DTD) refusée",
        ),
        (
            b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
            "déclaration de type de document (DTD) refusée",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>',
            "déclaration de type de document (DTD) refusée",
        ),
        (b"<a>" * 100 + b"</a>" * 100, "éléments imbriqués sur plus de 64 niveaux"),
    ],
    ids=[
        "pas-xml",
        "vide",
        "tronque",
        "autre-racine",
        "sans-budget",
        "cfu-sans-budget",
        "sans-codtypempr",
        "codtypempr-inconnu",
        "montant-a-la-francaise",
        "31-fevrier",
        "champ-en-double",
        "deux-lignes-ratio",
        "dtd",
        "entite-externe",
        "billion-laughs",
        "trop-imbrique",
    ],
)
def test_refus_en_francais_avec_le_chemin(octets: bytes, message: str) -> None:
    assert message in _refus(octets)


def test_refus_avec_la_ligne_du_fichier() -> None:
    octets = document("\n" + emprunt(interets="abc"))
    with pytest.raises(ErreurDossier) as refus:
        lire_document_budgetaire(octets)
    assert refus.value.ligne is not None and refus.value.ligne >= 2


def test_fichier_trop_gros_refuse_avant_lecture(tmp_path: Path) -> None:
    enorme = tmp_path / "2go.xml"
    with enorme.open("wb") as flux:
        flux.truncate(2 * 2**30)  # creux : rien n'est écrit sur le disque
    with pytest.raises(ErreurEntree) as refus:
        lire_document_budgetaire(enorme)
    assert str(refus.value) == (
        f"fichier « {enorme} » : fichier trop gros (reçu : '2048 Mio' ; attendu : au plus 256 Mio)"
    )
    octets = document(emprunt())
    with pytest.raises(ErreurEntree) as refus:
        lire_document_budgetaire(octets, taille_max=100)
    assert str(refus.value) == (
        f"document trop gros (reçu : '{len(octets)} octets' ; attendu : au plus 100 octets)"
    )
    # Un fichier ouvert : les octets sont comptés pendant la lecture, au plus juste.
    assert lire_document_budgetaire(io.BytesIO(octets), taille_max=len(octets)).emprunts
    with pytest.raises(ErreurEntree) as refus:
        lire_document_budgetaire(io.BytesIO(octets), taille_max=len(octets) - 1)
    assert (
        str(refus.value)
        == f"ligne 1 : document trop gros (attendu : au plus {len(octets) - 1} octets)"
    )
    with pytest.raises(ErreurEntree) as refus:
        lire_document_budgetaire(b" " * (3 * 2**20), taille_max=2 * 2**20)
    assert str(refus.value) == "document trop gros (reçu : '3 Mio' ; attendu : au plus 2 Mio)"


def test_source_invalide() -> None:
    with pytest.raises(ErreurType, match="un objet qui répond à read"):
        lire_document_budgetaire(3)  # type: ignore[arg-type]
    with pytest.raises(ErreurEntree, match="fichier introuvable"):
        lire_document_budgetaire("/nulle/part.xml")
    with pytest.raises(ErreurEntree, match="ouvert en binaire"):
        lire_document_budgetaire(io.StringIO("<a/>"))  # type: ignore[arg-type]


def test_lecture_en_flux_la_memoire_ne_suit_pas_la_taille_du_fichier() -> None:
    """Un document de ~3 Mo dont le budget a 50 000 lignes : les objets Python gardés pendant
    la lecture restent sous 1 Mo (la lecture ne construit pas d'arbre ; un arbre de ces lignes
    en prendrait des dizaines)."""
    lignes = "<LigneBudget><Nature V='6042'/><MtReal V='1.00'/></LigneBudget>" * 50_000
    octets = document(emprunt()).replace(b"<Annexes>", f"{lignes}<Annexes>".encode())
    assert len(octets) > 3 * 2**20
    tracemalloc.start()
    try:
        doc = lire_document_budgetaire(io.BytesIO(octets))
        _courant, pic = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.emprunts) == 1
    assert pic < 2**20


@pytest.mark.parametrize(
    ("texte", "code", "marge"),
    [
        ("LIVRETA", "livret_a", None),
        ("LIVRET A", "livret_a", None),
        ("Livret A + 1", "livret_a", Decimal("0.01")),
        ("Livret A + (-0.2)", "livret_a", Decimal("-0.002")),
        ("Livret A(Préfixé) + 0.6", "livret_a", Decimal("0.006")),
        ("LIVRETA+0,6", "livret_a", Decimal("0.006")),
        ("LIVRETA-0,2", "livret_a", Decimal("-0.002")),
        ("(Livret A + 1)-Floor 0 sur Livret A", "livret_a", Decimal("0.01")),
        ("EURIBOR03M", "euribor_3m", None),
        ("EURIBOR12M", "euribor_12m", None),
        ("(Euribor 03 M + 1.03)-Floor -1.03 sur Euribor 03 M", "euribor_3m", Decimal("0.0103")),
        ("LEP+0,2", "lep", Decimal("0.002")),
        ("INFFRXT", "inflation_france", None),
        ("FIXE", "fixe", None),
        ("Taux fixe à 1.63 %", "fixe", None),
        ("TAUX STRUCTURES", "structure", None),
        ("Quelque chose", "autre", None),
        ("", "", None),
    ],
)
def test_index_tels_que_les_fichiers_les_ecrivent(
    texte: str, code: str, marge: Decimal | None
) -> None:
    lu = normaliser_index(texte)
    assert (lu.code, lu.marge) == (code, marge)
    assert lu.libelle == " ".join(texte.split())


@pytest.mark.parametrize(
    ("texte", "code"),
    [
        ("CDC", "caisse_des_depots"),
        ("CAISSE DES DEPOTS ET CONSIGNATIONS", "caisse_des_depots"),
        ("CAISSE DES DEPOTS ET CONSIGNAT", "caisse_des_depots"),
        ("CAISSE DES DEPOTS ET CONSIGN", "caisse_des_depots"),
        ("Caisse des dépôts et consignation", "caisse_des_depots"),
        ("CAISSE DEPOTS CONSIGNATIONS", "caisse_des_depots"),
        ("SFIL CAFFIL", "sfil_caffil"),
        ("Caisse Française de Financement Local", "sfil_caffil"),
        ("DEXIA Crédit Local", "dexia"),
        ("CE", "caisse_epargne"),
        ("Caisse d'Epargne", "caisse_epargne"),
        ("CAISSE ALLOCATIONS FAMILIALES", "caf"),
        ("Caisse d'Allocations Familiales", "caf"),
        ("001 DROITS DE PLACE CRACH", "001_droits_de_place_crach"),
    ],
)
def test_preteurs_tels_que_les_fichiers_les_ecrivent(texte: str, code: str) -> None:
    assert normaliser_preteur(texte)[0] == code


def test_ligne_de_commande_code_2_et_rien_d_ecrit(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    fautif = tmp_path / "fautif.xml"
    fautif.write_bytes(document(emprunt(interets="1 234,5")))
    sortie = tmp_path / "etat.csv"
    assert main(["dette", "etat", str(fautif), "--format", "csv", "--sortie", str(sortie)]) == 2
    erreur = capsys.readouterr().err
    assert "DATA_EMPRUNT/EMPRUNT[1]/MtIntExer" in erreur
    assert not sortie.exists()


def test_ligne_de_commande_controler_codes_de_sortie(tmp_path: Path) -> None:
    propre = tmp_path / "propre.xml"
    propre.write_bytes(document(emprunt().replace('"12.50"', '"11.50"')))
    assert main(["dette", "controler", str(propre), "--format", "json"]) == 0
    assert main(["dette", "controler", "--exemple", "crach-ca-2021", "--format", "json"]) == 1
    assert main(["dette", "controler", str(tmp_path / "absent.xml")]) == 2


def test_la_reference_liste_chaque_champ_v95_et_chaque_code() -> None:
    """La table des champs et celle des codes de la page de référence suivent le code."""
    from collectivites.dette import CODES_ANOMALIES
    from collectivites.dette._champs import CHAMPS_V95

    page = (Path(__file__).parent.parent / "docs" / "reference" / "dette.md").read_text(
        encoding="utf-8"
    )
    assert len(CHAMPS_V95) == 97
    for champ in CHAMPS_V95:
        attribut = f"`{champ.attribut}`" if champ.attribut else "—"
        assert f"| `{champ.xml}` |" in page and f"| {champ.libelle} | {attribut} |" in page
    for code, regle in CODES_ANOMALIES.items():
        assert f"| `{code}` | {regle} |" in page


@pytest.mark.parametrize(
    "entete", ['<?xml version="1.0" encoding="UTF-8"?>', "", "<?xml version='1.0'?>"]
)
def test_accents_windows_1252_sous_une_declaration_utf_8(entete: str) -> None:
    """Un fichier dont les accents sont en Windows-1252 mais qui se dit UTF-8 (ou ne dit rien) :
    relu en Windows-1252, et une note le dit."""
    texte = document(emprunt(), entete=entete).decode().replace("Commune d&apos;Essai", "Crédit")
    doc = lire_document_budgetaire(texte.encode("cp1252"))
    assert doc.collectivite == "Crédit"
    assert any("relu en Windows-1252" in note for note in doc.notes)


def test_un_xml_vraiment_mal_forme_garde_son_erreur() -> None:
    with pytest.raises(ErreurEntree, match="ligne 1 : XML mal formé"):
        lire_document_budgetaire("<a>é<b></a>".encode("cp1252"))


RATIO = (
    '<EMPRUNT><CodTypEmpr V="10"/><RReelFon V="1000000.00"/><AnnuitNetDette V="100000.00"/>'
    '<TotGarEchoirExer V="50000.00"/>{imprime}</EMPRUNT>'
)


@pytest.mark.parametrize(
    ("imprime", "anomalies"),
    [
        # (100 000 + 50 000) / 1 000 000 = 15 % : le chiffre imprimé concorde.
        ('<PartGarantiesEmprunt V="15.00"/><TotValRatio V="150000.00"/>', 0),
        ('<PartGarantiesEmprunt V="15.01"/>', 0),  # un centième de point : toléré
        ('<PartGarantiesEmprunt V="15.02"/>', 1),
        ('<TotValRatio V="150000.02"/>', 1),
        ('<PartGarantiesEmprunt V="12.5"/><TotValRatio V="125000.00"/>', 2),
    ],
)
def test_ratio_imprime_par_le_fichier_compare_au_calcul(imprime: str, anomalies: int) -> None:
    from collectivites.dette import controler_annexe_dette

    doc = lire_document_budgetaire(document(RATIO.format(imprime=imprime)))
    assert doc.ratio_garanties.ratio == Decimal("0.15")
    codes = [a.code for a in controler_annexe_dette(doc).anomalies]
    assert codes.count("ratio_imprime_different") == anomalies


@pytest.mark.parametrize(
    ("texte", "code", "marge", "prefixe"),
    [
        ("Livret A(Préfixé) + 0.6", "livret_a", Decimal("0.006"), True),
        ("Livret A + 1", "livret_a", Decimal("0.01"), False),
        ("LIVRET A + 0,6 (PRÉFIXÉ)", "livret_a", Decimal("0.006"), True),
        ("Livret A + 0.6 (préfixé)", "livret_a", Decimal("0.006"), True),
        ("Livret A + (- 0.2)", "livret_a", Decimal("-0.002"), False),
        ("(Livret A + 1", "livret_a", Decimal("0.01"), False),  # parenthèse jamais fermée
        (
            "(Livret A(Préfixé) + 0.6)-Floor 0 sur Livret A(Préfixé)",
            "livret_a",
            Decimal("0.006"),
            True,
        ),
        ("Indice maison (Préfixé)", "autre", None, True),
        ("Indice maison", "autre", None, False),
    ],
)
def test_index_prefixe_et_marge(
    texte: str, code: str, marge: Decimal | None, prefixe: bool
) -> None:
    lu = normaliser_index(texte)
    assert (lu.code, lu.marge, lu.prefixe) == (code, marge, prefixe)


def test_preteur_inconnu_garde_son_texte_sans_espaces_doubles() -> None:
    assert normaliser_preteur("  Banque   du  Coin ") == ("banque_du_coin", "Banque du Coin")
    assert normaliser_preteur("   ") == ("", "")


@pytest.mark.parametrize(
    ("octets", "message"),
    [
        (
            b"<a></b>",
            "ligne 1 : balise fermante qui ne correspond pas à la balise ouverte, colonne 6",
        ),
        (b"<a/><b/>", "ligne 1 : contenu après la fin de l'élément racine, colonne 5"),
        (b"<a x='1' x='2'/>", "ligne 1 : attribut écrit deux fois dans une balise, colonne 10"),
        (b"<a>&#0;</a>", "ligne 1 : référence à un caractère invalide, colonne 4"),
        (
            b"<a>&inconnue;</a>",
            "ligne 1 : entité non définie (les entités sont refusées), colonne 4",
        ),
        (
            b"<?xml version='1.0' encoding='klingon'?><a/>",
            "ligne 1 : encodage de caractères inconnu (attendu : UTF-8 ou ISO-8859-1)",
        ),
        (b"<a><![CDATA[x", "ligne 1 : section CDATA non fermée, colonne 14"),
        (b"<a", "ligne 1 : fichier XML tronqué (élément non fermé), colonne 1"),
        (
            b"<a>\xc3",
            "ligne 1 : caractère incomplet en fin de fichier (fichier tronqué), colonne 4",
        ),
    ],
    ids=[
        "balise",
        "apres-racine",
        "attribut-double",
        "caractere-invalide",
        "entite",
        "encodage",
        "cdata",
        "element-non-ferme",
        "caractere-coupe",
    ],
)
def test_messages_d_expat_en_francais(octets: bytes, message: str) -> None:
    from collectivites.chargement._xml import analyser_xml

    with pytest.raises(ErreurEntree) as refus:
        analyser_xml(octets, None, None)
    assert str(refus.value) == message
