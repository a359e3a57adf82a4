"""The demo seed only fills an empty database."""

from presscenter.cli import main
from presscenter.orgs.models import Organisation
from tests import factories


def test_seed_demo_refuses_a_database_with_other_data(db, capsys):
    factories.organisation()
    assert main(["seed-demo"]) == 1
    assert "cơ sở dữ liệu trống" in capsys.readouterr().err
    assert Organisation.objects.count() == 1
