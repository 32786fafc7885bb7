from django.db import migrations

from tpmap.logbook.routing import migrate_data


class Migration(migrations.Migration):
    dependencies = [("logbook", "0007_routing")]

    operations = [migrations.RunPython(migrate_data.forward, migrate_data.backward)]
