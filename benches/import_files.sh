#!/bin/sh
# Writes the files the README's import figures were measured on, into folder $1:
# customers.csv (10,000 customers) and followups.csv (100,000 follow-ups naming them).
#   sh benches/import_files.sh /tmp/bench && cd /tmp/bench
#   /usr/bin/time -v salescoach --db b.db import customers customers.csv
#   /usr/bin/time -v salescoach --db b.db import followups followups.csv
set -e
dir=${1:?usage: import_files.sh FOLDER}
mkdir -p "$dir"
awk 'BEGIN {
    print "Name,Email,Company,Phone,Segment,Region,Customer since"
    for (i = 0; i < 10000; i++)
        printf "Customer %05d,c%d@example.com,Company %d,+1 555 %04d,Segment %d,Region %d,2025-%02d-%02d\n",
            i, i, i % 500, i, i % 7, i % 11, i % 12 + 1, i % 28 + 1
}' > "$dir/customers.csv"
awk 'BEGIN {
    split("checkin quote stay_in_touch reorder other", kind, " ")
    print "Customer,Due,Time,Kind,Reason"
    for (i = 0; i < 100000; i++) {
        time = (i % 3) ? "" : sprintf("%02d:%02d", 9 + i % 8, (i * 7) % 60)
        printf "Customer %05d,2026-%02d-%02d,%s,%s,\"Follow-up %d, call about the order\"\n",
            (i * 7919) % 10000, i % 12 + 1, i % 28 + 1, time, kind[i % 5 + 1], i
    }
}' > "$dir/followups.csv"
